-- CreateTable
CREATE TABLE "CspReport" (
    "id" TEXT NOT NULL,
    "directive" TEXT NOT NULL,
    "blockedUri" TEXT NOT NULL,
    "documentUri" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "firstSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CspReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CspReport_lastSeen_idx" ON "CspReport"("lastSeen" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "CspReport_directive_blockedUri_documentUri_key" ON "CspReport"("directive", "blockedUri", "documentUri");

