-- Fewer and cheaper index entries per new person (issue 12). Ingest wrote each phone and email
-- twice, on the customer and on the identity it came from: the customer's own indexes now hold
-- only what no identity may hold, what a person typed (an agent, an import, a customer made by
-- hand). Identities' usernames were indexed for no query.
DROP INDEX `identities_username`;--> statement-breakpoint
DROP INDEX `customers_phone`;--> statement-breakpoint
DROP INDEX `customers_email`;--> statement-breakpoint
ALTER TABLE `customers` ADD `own_contact` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- A customer's own contact (customers/contact-lookup.ts `holdsOwnContact`): one made by hand or
-- imported owns its phone and email, and so does any other whose phone or email no identity of it
-- that a channel vouches for holds (an agent typed it, a web visitor claimed it, an identity
-- changed it since): every customer is found by what it shows, as before.
UPDATE `customers` SET `own_contact` = 1
WHERE `source` <> 'auto_created'
   OR (`phone` IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM `identities` i WHERE i.customer_id = `customers`.id AND i.phone = `customers`.phone
           AND i.channel IN ('whatsapp', 'telegram', 'sms')))
   OR (`email` IS NOT NULL AND NOT EXISTS (
         SELECT 1 FROM `identities` i WHERE i.customer_id = `customers`.id AND i.email = `customers`.email
           AND i.channel IN ('whatsapp', 'telegram', 'sms')));--> statement-breakpoint
CREATE INDEX `customers_phone` ON `customers` (`phone`) WHERE "customers"."phone" IS NOT NULL AND "customers"."own_contact" = 1;--> statement-breakpoint
CREATE INDEX `customers_email` ON `customers` (`email`) WHERE "customers"."email" IS NOT NULL AND "customers"."own_contact" = 1;--> statement-breakpoint
-- A message delivered twice is found in its own conversation, whose entries sit together, instead
-- of among every message's channel id (random text: most of the pages a batch wrote). Receipts,
-- which name only the channel's id of a message sent, keep an index of the sent ones. The ids
-- were unique per channel and account, so they are unique per conversation.
DROP INDEX `messages_channel_account_external`;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_conversation_external` ON `messages` (`conversation_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `messages_sent_external` ON `messages` (`channel`,`account`,`external_id`) WHERE "messages"."direction" = 'out';
