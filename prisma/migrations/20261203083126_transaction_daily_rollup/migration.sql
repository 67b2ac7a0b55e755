-- CreateTable
CREATE TABLE "TransactionDailyRollup" (
    "day" DATE NOT NULL,
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

    CONSTRAINT "TransactionDailyRollup_pkey" PRIMARY KEY ("day","gatewayAccountId","currency","kind","status","voided","fault")
);

-- CreateTable
CREATE TABLE "TransactionDailyRollupZone" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "timeZone" TEXT NOT NULL,

    CONSTRAINT "TransactionDailyRollupZone_pkey" PRIMARY KEY ("id")
);


-- What one "Transaction" row adds to a rollup row, besides its count and amount (one definition for
-- the triggers and the rebuild below).
CREATE FUNCTION transaction_rollup_contribution(r "Transaction") RETURNS TABLE ("fault" text, "avsChecked" int, "avsMismatch" int, "cvvChecked" int, "cvvMismatch" int) LANGUAGE sql IMMUTABLE AS
  E'SELECT CASE WHEN r.status IN (''declined'', ''error'') THEN coalesce(r.fault, ''unclassified'') ELSE '''' END,
           (r.kind IN (''sale'', ''auth'') AND coalesce(r."avsCategory" IN (''match'', ''partial'', ''no_match''), false))::int,
           (r.kind IN (''sale'', ''auth'') AND coalesce(r."avsCategory" IN (''partial'', ''no_match''), false))::int,
           (r.kind IN (''sale'', ''auth'') AND coalesce(r."cvvCategory" IN (''match'', ''partial'', ''no_match''), false))::int,
           (r.kind IN (''sale'', ''auth'') AND coalesce(r."cvvCategory" IN (''partial'', ''no_match''), false))::int';

-- The dashboard counts decided outcomes only (approved, declined, error: lib/services/dashboard.ts):
-- a pending or unknown row is counted once it is decided, which spares each sale the pending row's
-- two upserts (its insert, and taking it away again when its outcome arrives).
DELETE FROM "TransactionRollup" WHERE status NOT IN ('approved', 'declined', 'error');

-- The trigger now adds each row to its UTC hour and to its day in the zone the days are built in.
-- The ROW EXCLUSIVE lock is taken before the zone is read: a rebuild (EXCLUSIVE, below) either waits
-- for this transaction to commit and then counts its row from the hours, or finishes first, and then
-- this row is added to the new zone's day here. Either way it is counted once.
CREATE OR REPLACE FUNCTION transaction_rollup_add(r "Transaction", sign integer) RETURNS void LANGUAGE plpgsql AS
  E'DECLARE
    c record\073
    zone text\073
  BEGIN
    IF r.status NOT IN (''approved'', ''declined'', ''error'') THEN RETURN\073 END IF\073
    SELECT * INTO c FROM transaction_rollup_contribution(r)\073
    INSERT INTO "TransactionRollup" AS x
      ("hour", "gatewayAccountId", "currency", "kind", "status", "voided", "fault", "count", "amount", "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
    VALUES (date_trunc(''hour'', r."createdAt"), r."gatewayAccountId", r.currency, r.kind, r.status, r."voidedAt" IS NOT NULL, c.fault,
            sign, sign * r.amount::bigint, sign * c."avsChecked", sign * c."avsMismatch", sign * c."cvvChecked", sign * c."cvvMismatch")
    ON CONFLICT ("hour", "gatewayAccountId", "currency", "kind", "status", "voided", "fault") DO UPDATE SET
      "count" = x."count" + EXCLUDED."count",
      "amount" = x."amount" + EXCLUDED."amount",
      "avsChecked" = x."avsChecked" + EXCLUDED."avsChecked",
      "avsMismatch" = x."avsMismatch" + EXCLUDED."avsMismatch",
      "cvvChecked" = x."cvvChecked" + EXCLUDED."cvvChecked",
      "cvvMismatch" = x."cvvMismatch" + EXCLUDED."cvvMismatch"\073
    LOCK TABLE "TransactionDailyRollup" IN ROW EXCLUSIVE MODE\073
    SELECT z."timeZone" INTO zone FROM "TransactionDailyRollupZone" z\073
    IF zone IS NULL THEN RETURN\073 END IF\073
    INSERT INTO "TransactionDailyRollup" AS x
      ("day", "gatewayAccountId", "currency", "kind", "status", "voided", "fault", "count", "amount", "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
    VALUES ((r."createdAt" AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date, r."gatewayAccountId", r.currency, r.kind, r.status, r."voidedAt" IS NOT NULL, c.fault,
            sign, sign * r.amount::bigint, sign * c."avsChecked", sign * c."avsMismatch", sign * c."cvvChecked", sign * c."cvvMismatch")
    ON CONFLICT ("day", "gatewayAccountId", "currency", "kind", "status", "voided", "fault") DO UPDATE SET
      "count" = x."count" + EXCLUDED."count",
      "amount" = x."amount" + EXCLUDED."amount",
      "avsChecked" = x."avsChecked" + EXCLUDED."avsChecked",
      "avsMismatch" = x."avsMismatch" + EXCLUDED."avsMismatch",
      "cvvChecked" = x."cvvChecked" + EXCLUDED."cvvChecked",
      "cvvMismatch" = x."cvvMismatch" + EXCLUDED."cvvMismatch"\073
  END';

-- Builds the days in `zone` (NULL: none, and the dashboard sums hours). From the hourly rollup, except
-- the hours a midnight of the zone cuts (only in zones whose offset is not whole hours, such as
-- Asia/Kolkata), whose rows are read from "Transaction" by index. Writers of "Transaction" wait
-- while it runs (seconds at ten million transactions): it is run when the merchant's zone changes.
CREATE FUNCTION transaction_daily_rollup_rebuild(zone text) RETURNS void LANGUAGE plpgsql AS
  E'BEGIN
    LOCK TABLE "TransactionDailyRollup" IN EXCLUSIVE MODE\073
    DELETE FROM "TransactionDailyRollupZone"\073
    DELETE FROM "TransactionDailyRollup"\073
    IF zone IS NULL THEN RETURN\073 END IF\073
    INSERT INTO "TransactionDailyRollupZone" ("id", "timeZone") VALUES (true, zone)\073
    INSERT INTO "TransactionDailyRollup"
      ("day", "gatewayAccountId", "currency", "kind", "status", "voided", "fault", "count", "amount", "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
    SELECT u.day, u."gatewayAccountId", u.currency, u.kind, u.status, u.voided, u.fault,
           sum(u.count), sum(u.amount), sum(u."avsChecked"), sum(u."avsMismatch"), sum(u."cvvChecked"), sum(u."cvvMismatch")
    FROM (
      SELECT (r.hour AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date AS day, r."gatewayAccountId", r.currency, r.kind, r.status, r.voided, r.fault,
             r.count::bigint AS count, r.amount, r."avsChecked", r."avsMismatch", r."cvvChecked", r."cvvMismatch"
      FROM "TransactionRollup" r
      WHERE r.count <> 0
        AND (r.hour AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date = ((r.hour + interval ''59 minutes 59.999 seconds'') AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date
      UNION ALL
      SELECT (t."createdAt" AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date, t."gatewayAccountId", t.currency, t.kind, t.status, t."voidedAt" IS NOT NULL, c.fault,
             1, t.amount::bigint, c."avsChecked", c."avsMismatch", c."cvvChecked", c."cvvMismatch"
      FROM (
        SELECT DISTINCT r.hour FROM "TransactionRollup" r
        WHERE r.count <> 0
          AND (r.hour AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date <> ((r.hour + interval ''59 minutes 59.999 seconds'') AT TIME ZONE ''UTC'' AT TIME ZONE zone)::date
      ) h
      CROSS JOIN LATERAL (
        SELECT * FROM "Transaction" x
        WHERE x."createdAt" >= h.hour AND x."createdAt" < h.hour + interval ''1 hour'' AND x.status IN (''approved'', ''declined'', ''error'')
      ) t
      CROSS JOIN LATERAL transaction_rollup_contribution(t) c
    ) u
    GROUP BY 1, 2, 3, 4, 5, 6, 7\073
  END';

-- A full recount (bulk loads that switch the triggers off: npm run seed:volume) recounts the days too.
CREATE OR REPLACE FUNCTION transaction_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS
  E'DECLARE
    zone text\073
  BEGIN
    DELETE FROM "TransactionRollup"\073
    INSERT INTO "TransactionRollup"
      ("hour", "gatewayAccountId", "currency", "kind", "status", "voided", "fault", "count", "amount", "avsChecked", "avsMismatch", "cvvChecked", "cvvMismatch")
    SELECT date_trunc(''hour'', t."createdAt"), t."gatewayAccountId", t.currency, t.kind, t.status, t."voidedAt" IS NOT NULL, c.fault,
           count(*), sum(t.amount), sum(c."avsChecked"), sum(c."avsMismatch"), sum(c."cvvChecked"), sum(c."cvvMismatch")
    FROM "Transaction" t CROSS JOIN LATERAL transaction_rollup_contribution(t) c
    WHERE t.status IN (''approved'', ''declined'', ''error'')
    GROUP BY 1, 2, 3, 4, 5, 6, 7\073
    SELECT z."timeZone" INTO zone FROM "TransactionDailyRollupZone" z\073
    PERFORM transaction_daily_rollup_rebuild(zone)\073
  END';

-- The days start in the merchant's zone as saved (America/New_York, MERCHANT_DEFAULTS in
-- lib/services/settings.ts, when none is). lib/services/settings.ts rebuilds them when it changes.
SELECT transaction_daily_rollup_rebuild(coalesce(
  (SELECT s.value #>> '{}' FROM "AppSetting" s WHERE s.key = 'merchant.timeZone' AND s.value #>> '{}' <> ''),
  'America/New_York'
));

-- PostgreSQL's JIT compiles a query it estimates as large before running it: measured 2.6 s of
-- compiling for a dashboard query that then ran in under 100 ms at ten million transactions. No
-- query of this app needs it. (For new connections to this database.)
DO E'BEGIN EXECUTE format(''ALTER DATABASE %I SET jit = off'', current_database())\073 END';
