-- AlterTable
ALTER TABLE "GatewayAccount" ADD COLUMN     "repeatWindowSeconds" INTEGER NOT NULL DEFAULT 120,
ADD COLUMN     "riskRules" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "riskAcknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "riskAction" TEXT;

-- CreateIndex
CREATE INDEX "Transaction_userId_riskAction_idx" ON "Transaction"("userId", "riskAction");

