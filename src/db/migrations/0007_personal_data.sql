CREATE TABLE `data_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`customer_id` integer NOT NULL,
	`origin` text NOT NULL,
	`at` integer NOT NULL,
	CONSTRAINT "data_requests_kind" CHECK("data_requests"."kind" IN ('export', 'erase')),
	CONSTRAINT "data_requests_origin" CHECK("data_requests"."origin" IN ('desktop', 'host', 'cli'))
);
--> statement-breakpoint
CREATE TABLE `erased_identifiers` (
	`hash` blob PRIMARY KEY NOT NULL,
	`erased_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `erasure_salt` (
	`id` integer PRIMARY KEY NOT NULL,
	`salt` blob NOT NULL,
	CONSTRAINT "erasure_salt_one_row" CHECK("erasure_salt"."id" = 1)
);
--> statement-breakpoint
-- Each database draws its own salt once: the erased identifiers' hashes are worthless elsewhere.
INSERT INTO `erasure_salt` (`id`, `salt`) VALUES (1, randomblob(32));
