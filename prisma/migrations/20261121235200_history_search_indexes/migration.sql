-- History search: prefix LIKE on lower-cased customer names and emails, served by btree
-- indexes with text_pattern_ops under any collation. Hand-written: schema.prisma cannot
-- express expression indexes, so a schema-to-schema diff never sees or drops them.
CREATE INDEX "Customer_lower_firstName_idx" ON "Customer" (lower("firstName") text_pattern_ops);
CREATE INDEX "Customer_lower_lastName_idx" ON "Customer" (lower("lastName") text_pattern_ops);
CREATE INDEX "Customer_lower_email_idx" ON "Customer" (lower("email") text_pattern_ops);
