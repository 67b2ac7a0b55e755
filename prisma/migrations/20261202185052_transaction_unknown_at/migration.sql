-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "unknownAt" TIMESTAMP(3);

