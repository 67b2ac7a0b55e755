-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "level23" JSONB,
ADD COLUMN     "level23Warnings" TEXT[] DEFAULT ARRAY[]::TEXT[];

