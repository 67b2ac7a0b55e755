-- CreateTable
CREATE TABLE "TransactionRollup" (
    "hour" TIMESTAMP(3) NOT NULL,
    "gatewayAccountId" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "kind" "TransactionKind" NOT NULL,
    "status" "TransactionStatus" NOT NULL,
    "voided" BOOLEAN NOT NULL,
    "fault" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "avsChecked" INTEGER NOT NULL,
    "avsMismatch" INTEGER NOT NULL,
    "cvvChecked" INTEGER NOT NULL,
    "cvvMismatch" INTEGER NOT NULL,

    CONSTRAINT "TransactionRollup_pkey" PRIMARY KEY ("hour","gatewayAccountId","currency","kind","status","voided","fault")
);


-- Kept by triggers on "Transaction", so the totals change in the same database transaction as
-- the row they count (an outcome, a reconciliation, a void setting "voidedAt"): no job, no lag.
-- One row's contribution: sign = 1 to add it, -1 to take it away.
-- Bodies are E'' strings with \073 for semicolons: Prisma's driver adapter splits migrations on every semicolon.
CREATE FUNCTION transaction_rollup_add(r "Transaction", sign integer) RETURNS void LANGUAGE plpgsql AS
  E'DECLARE
    checks boolean := r.kind IN (''sale'', ''auth'')\073
  BEGIN
    INSERT INTO "TransactionRollup" AS x
      ("hour", "gatewayAccountId", "currency", "kind", "status", "voided", "fault", "count", "amount", "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
    VALUES (
      date_trunc(''hour'', r."createdAt"), r."gatewayAccountId", r.currency, r.kind, r.status, r."voidedAt" IS NOT NULL,
      CASE WHEN r.status IN (''declined'', ''error'') THEN coalesce(r.fault, ''unclassified'') ELSE '''' END,
      sign, sign * r.amount::bigint,
      sign * (checks AND coalesce(r."avsCategory" IN (''match'', ''partial'', ''no_match''), false))::int,
      sign * (checks AND coalesce(r."avsCategory" IN (''partial'', ''no_match''), false))::int,
      sign * (checks AND coalesce(r."cvvCategory" IN (''match'', ''partial'', ''no_match''), false))::int,
      sign * (checks AND coalesce(r."cvvCategory" IN (''partial'', ''no_match''), false))::int
    )
    ON CONFLICT ("hour", "gatewayAccountId", "currency", "kind", "status", "voided", "fault") DO UPDATE SET
      "count" = x."count" + EXCLUDED."count",
      "amount" = x."amount" + EXCLUDED."amount",
      "avsChecked" = x."avsChecked" + EXCLUDED."avsChecked",
      "avsMismatch" = x."avsMismatch" + EXCLUDED."avsMismatch",
      "cvvChecked" = x."cvvChecked" + EXCLUDED."cvvChecked",
      "cvvMismatch" = x."cvvMismatch" + EXCLUDED."cvvMismatch"\073
  END';

CREATE FUNCTION transaction_rollup_trigger() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN
    IF TG_OP IN (''UPDATE'', ''DELETE'') THEN PERFORM transaction_rollup_add(OLD, -1)\073 END IF\073
    IF TG_OP IN (''UPDATE'', ''INSERT'') THEN PERFORM transaction_rollup_add(NEW, 1)\073 END IF\073
    RETURN NULL\073
  END';

CREATE TRIGGER transaction_rollup_insert AFTER INSERT OR DELETE ON "Transaction"
  FOR EACH ROW EXECUTE FUNCTION transaction_rollup_trigger();
-- Most updates (refunded/captured amounts, settlement, raw payloads) change nothing counted.
CREATE TRIGGER transaction_rollup_update AFTER UPDATE ON "Transaction"
  FOR EACH ROW WHEN (
    (OLD."createdAt", OLD."gatewayAccountId", OLD.currency, OLD.kind, OLD.status, OLD.amount, OLD."voidedAt" IS NULL, OLD.fault, OLD."avsCategory", OLD."cvvCategory")
    IS DISTINCT FROM
    (NEW."createdAt", NEW."gatewayAccountId", NEW.currency, NEW.kind, NEW.status, NEW.amount, NEW."voidedAt" IS NULL, NEW.fault, NEW."avsCategory", NEW."cvvCategory")
  ) EXECUTE FUNCTION transaction_rollup_trigger();

-- Recounts everything from "Transaction": the backfill below, and bulk loads that switch the
-- triggers off (npm run seed:volume).
CREATE FUNCTION transaction_rollup_rebuild() RETURNS void LANGUAGE sql AS
  E'DELETE FROM "TransactionRollup"\073
    INSERT INTO "TransactionRollup"
      ("hour", "gatewayAccountId", "currency", "kind", "status", "voided", "fault", "count", "amount", "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
    SELECT date_trunc(''hour'', t."createdAt"), t."gatewayAccountId", t.currency, t.kind, t.status, t."voidedAt" IS NOT NULL,
           CASE WHEN t.status IN (''declined'', ''error'') THEN coalesce(t.fault, ''unclassified'') ELSE '''' END,
           count(*), sum(t.amount),
           count(*) FILTER (WHERE t.kind IN (''sale'', ''auth'') AND coalesce(t."avsCategory" IN (''match'', ''partial'', ''no_match''), false)),
           count(*) FILTER (WHERE t.kind IN (''sale'', ''auth'') AND coalesce(t."avsCategory" IN (''partial'', ''no_match''), false)),
           count(*) FILTER (WHERE t.kind IN (''sale'', ''auth'') AND coalesce(t."cvvCategory" IN (''match'', ''partial'', ''no_match''), false)),
           count(*) FILTER (WHERE t.kind IN (''sale'', ''auth'') AND coalesce(t."cvvCategory" IN (''partial'', ''no_match''), false))
    FROM "Transaction" t
    GROUP BY 1, 2, 3, 4, 5, 6, 7\073';

SELECT transaction_rollup_rebuild();

-- The dashboard's "needs attention": authorizations nobody captured or voided.
CREATE INDEX "Transaction_uncaptured_auth_idx" ON "Transaction" ("createdAt") WHERE kind = 'auth' AND status = 'approved' AND "capturedAmount" = 0 AND "voidedAt" IS NULL;
-- … and refunds that failed (rare: without an index, counting none scans every refund).
CREATE INDEX "Transaction_failed_refund_idx" ON "Transaction" ("createdAt") WHERE kind = 'refund' AND status IN ('declined', 'error');
