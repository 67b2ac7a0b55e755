-- AlterTable
ALTER TABLE "GatewayAccount" ADD COLUMN     "confirmAbove" INTEGER;

