-- Recurring schedules on saved cards (lib/services/recurring.ts). The unique index on RecurringCharge
-- (scheduleId, dueDate) is what makes a second charge of one due date impossible, whatever the code does.

-- CreateEnum
CREATE TYPE "RecurringUnit" AS ENUM ('week', 'month', 'year');

-- CreateEnum
CREATE TYPE "RecurringStatus" AS ENUM ('active', 'paused', 'past_due', 'cancelled', 'completed', 'stopped');

-- CreateEnum
CREATE TYPE "RecurringChargeStatus" AS ENUM ('running', 'unknown', 'retrying', 'paid', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "RecurringSchedule" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "paymentMethodId" TEXT NOT NULL,
    "gatewayAccountId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "description" TEXT,
    "unit" "RecurringUnit" NOT NULL,
    "every" INTEGER NOT NULL,
    "anchorDate" DATE NOT NULL,
    "nextIndex" INTEGER NOT NULL DEFAULT 0,
    "nextDueDate" DATE,
    "nextDueAt" TIMESTAMP(3),
    "endKind" TEXT NOT NULL,
    "endCount" INTEGER,
    "endDate" DATE,
    "paymentsMade" INTEGER NOT NULL DEFAULT 0,
    "timeZone" TEXT NOT NULL,
    "status" "RecurringStatus" NOT NULL DEFAULT 'active',
    "statusReason" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecurringSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecurringCharge" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "RecurringChargeStatus" NOT NULL DEFAULT 'running',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "message" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RecurringCharge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecurringChargeAttempt" (
    "id" TEXT NOT NULL,
    "chargeId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "transactionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecurringChargeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecurringSchedule_idempotencyKey_key" ON "RecurringSchedule"("idempotencyKey");

-- CreateIndex
CREATE INDEX "RecurringSchedule_status_nextDueAt_idx" ON "RecurringSchedule"("status", "nextDueAt");

-- CreateIndex
CREATE INDEX "RecurringSchedule_customerId_idx" ON "RecurringSchedule"("customerId");

-- CreateIndex
CREATE INDEX "RecurringCharge_status_nextAttemptAt_idx" ON "RecurringCharge"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "RecurringCharge_scheduleId_dueDate_key" ON "RecurringCharge"("scheduleId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "RecurringChargeAttempt_transactionId_key" ON "RecurringChargeAttempt"("transactionId");

-- CreateIndex
CREATE UNIQUE INDEX "RecurringChargeAttempt_chargeId_attempt_key" ON "RecurringChargeAttempt"("chargeId", "attempt");

-- AddForeignKey
ALTER TABLE "RecurringSchedule" ADD CONSTRAINT "RecurringSchedule_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringSchedule" ADD CONSTRAINT "RecurringSchedule_paymentMethodId_fkey" FOREIGN KEY ("paymentMethodId") REFERENCES "PaymentMethod"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringSchedule" ADD CONSTRAINT "RecurringSchedule_gatewayAccountId_fkey" FOREIGN KEY ("gatewayAccountId") REFERENCES "GatewayAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringSchedule" ADD CONSTRAINT "RecurringSchedule_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringCharge" ADD CONSTRAINT "RecurringCharge_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "RecurringSchedule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringChargeAttempt" ADD CONSTRAINT "RecurringChargeAttempt_chargeId_fkey" FOREIGN KEY ("chargeId") REFERENCES "RecurringCharge"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecurringChargeAttempt" ADD CONSTRAINT "RecurringChargeAttempt_transactionId_fkey" FOREIGN KEY ("transactionId") REFERENCES "Transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The recurring charger's queue (lib/jobs/recurring-charges.ts): one pass at a time across all nodes.
SELECT pgboss.create_queue('recurring-charges', '{"policy":"stately","retryLimit":2,"retryDelay":5,"retryBackoff":true,"expireInSeconds":120}');
