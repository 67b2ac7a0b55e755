-- AlterTable
ALTER TABLE "PaymentMethod" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMethod_idempotencyKey_key" ON "PaymentMethod"("idempotencyKey");

