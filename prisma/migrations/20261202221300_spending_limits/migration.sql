-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "cardFingerprint" TEXT;

-- CreateTable
CREATE TABLE "SpendingLimit" (
    "id" TEXT NOT NULL,
    "role" "Role",
    "userId" TEXT,
    "currency" CHAR(3) NOT NULL,
    "maxSale" INTEGER,
    "maxDaily" INTEGER,
    "maxRefundCount" INTEGER,
    "maxRefundDaily" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendingLimit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LimitLock" (
    "key" TEXT NOT NULL,

    CONSTRAINT "LimitLock_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "LimitOverride" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "gatewayAccountId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "limitName" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "transactionId" TEXT,

    CONSTRAINT "LimitOverride_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SpendingLimit_role_currency_key" ON "SpendingLimit"("role", "currency");

-- CreateIndex
CREATE UNIQUE INDEX "SpendingLimit_userId_currency_key" ON "SpendingLimit"("userId", "currency");

-- CreateIndex
CREATE UNIQUE INDEX "LimitOverride_idempotencyKey_key" ON "LimitOverride"("idempotencyKey");

-- CreateIndex
CREATE INDEX "LimitOverride_approvedAt_createdAt_idx" ON "LimitOverride"("approvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Transaction_cardFingerprint_createdAt_idx" ON "Transaction"("cardFingerprint", "createdAt");

-- AddForeignKey
ALTER TABLE "SpendingLimit" ADD CONSTRAINT "SpendingLimit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

