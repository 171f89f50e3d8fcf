CREATE TABLE `channel_accounts` (
	`id` integer PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`account` text NOT NULL,
	`label` text NOT NULL,
	`config` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "channel_accounts_channel" CHECK("channel_accounts"."channel" IN ('whatsapp', 'telegram', 'webchat', 'sms'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_accounts_channel_account` ON `channel_accounts` (`channel`,`account`);