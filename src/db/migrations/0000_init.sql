CREATE TABLE `connector_cursors` (
	`channel` text NOT NULL,
	`account` text NOT NULL,
	`cursor` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `account`)
);
--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY NOT NULL,
	`identity_id` integer NOT NULL,
	`channel` text NOT NULL,
	`account` text NOT NULL,
	`first_message_at` integer,
	`last_message_at` integer,
	`last_message_key` text,
	`last_message_text` text,
	`last_message_direction` text,
	`unread_count` integer DEFAULT 0 NOT NULL,
	`last_read_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_identity` ON `conversations` (`identity_id`);--> statement-breakpoint
CREATE INDEX `conversations_last_message` ON `conversations` (`last_message_at`);--> statement-breakpoint
CREATE TABLE `customer_tags` (
	`customer_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `tag_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_tags_tag` ON `customer_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY NOT NULL,
	`display_name` text,
	`name_locked` integer DEFAULT false NOT NULL,
	`sort_name` text NOT NULL,
	`phone` text,
	`email` text,
	`source` text NOT NULL,
	`source_channel` text,
	`source_account` text,
	`original_external_id` text,
	`profile_picture_url` text,
	`first_contact_at` integer,
	`last_seen_at` integer,
	`last_interaction_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "customers_source" CHECK("customers"."source" IN ('auto_created', 'manual', 'import'))
);
--> statement-breakpoint
CREATE INDEX `customers_last_seen` ON `customers` (`last_seen_at`);--> statement-breakpoint
CREATE INDEX `customers_first_contact` ON `customers` (`first_contact_at`);--> statement-breakpoint
CREATE INDEX `customers_sort_name` ON `customers` (`sort_name`);--> statement-breakpoint
CREATE INDEX `customers_phone` ON `customers` (`phone`) WHERE "customers"."phone" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customers_email` ON `customers` (`email`) WHERE "customers"."email" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `identities` (
	`id` integer PRIMARY KEY NOT NULL,
	`customer_id` integer,
	`channel` text NOT NULL,
	`account` text NOT NULL,
	`external_id` text NOT NULL,
	`display_name` text,
	`phone` text,
	`email` text,
	`username` text,
	`language` text,
	`profile_picture_url` text,
	`is_business` integer,
	`profile_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "identities_channel" CHECK("identities"."channel" IN ('whatsapp', 'telegram', 'webchat', 'sms'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_channel_account_external` ON `identities` (`channel`,`account`,`external_id`);--> statement-breakpoint
CREATE INDEX `identities_customer` ON `identities` (`customer_id`,`channel`);--> statement-breakpoint
CREATE INDEX `identities_phone` ON `identities` (`phone`) WHERE "identities"."phone" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `identities_email` ON `identities` (`email`) WHERE "identities"."email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `identities_username` ON `identities` (`channel`,`username`) WHERE "identities"."username" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY NOT NULL,
	`conversation_id` integer NOT NULL,
	`channel` text NOT NULL,
	`account` text NOT NULL,
	`external_id` text,
	`direction` text NOT NULL,
	`text` text NOT NULL,
	`timestamp` integer NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "messages_direction" CHECK("messages"."direction" IN ('in', 'out'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_channel_account_external` ON `messages` (`channel`,`account`,`external_id`);--> statement-breakpoint
CREATE INDEX `messages_conversation_time` ON `messages` (`conversation_id`,`timestamp`);--> statement-breakpoint
CREATE INDEX `messages_pending` ON `messages` (`status`) WHERE "messages"."status" IN ('pending', 'failed');--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY NOT NULL,
	`customer_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notes_customer` ON `notes` (`customer_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name` ON `tags` ("name" COLLATE NOCASE);