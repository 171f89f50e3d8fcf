DROP INDEX `identities_phone`;--> statement-breakpoint
CREATE INDEX `identities_phone` ON `identities` (`phone`,`customer_id`) WHERE "identities"."phone" IS NOT NULL;