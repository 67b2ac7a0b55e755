-- AlterTable
ALTER TABLE "GatewayAccount" ADD COLUMN     "configFailedAt" TIMESTAMP(3),
ADD COLUMN     "configFailure" TEXT;

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "fault" TEXT;

