-- The queue of the receipt-email job (lib/jobs/receipt-email.ts). App nodes may not run DDL, so each
-- job's queue is made by a migration, and the retry policy itself follows the code at every start.
-- (No semicolon inside comments: Prisma splits migration files on them.)
SELECT pgboss.create_queue('receipt-email', '{"policy":"standard","retryLimit":4,"retryDelay":60,"retryBackoff":true,"expireInSeconds":120}');
