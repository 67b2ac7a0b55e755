-- CreateEnum
CREATE TYPE "ReceiptEmailStatus" AS ENUM ('queued', 'sent', 'failed');

-- CreateTable
CREATE TABLE "ReceiptEmail" (
    "id" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "status" "ReceiptEmailStatus" NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "requestedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReceiptEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReceiptEmail_transactionId_createdAt_idx" ON "ReceiptEmail"("transactionId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReceiptEmail" ADD CONSTRAINT "ReceiptEmail_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "Transaction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

