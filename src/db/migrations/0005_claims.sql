CREATE TABLE `dismissed_matches` (
	`customer_id` integer NOT NULL,
	`other_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`customer_id`, `other_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "dismissed_matches_order" CHECK("dismissed_matches"."customer_id" < "dismissed_matches"."other_id")
);
--> statement-breakpoint
CREATE INDEX `dismissed_matches_other` ON `dismissed_matches` (`other_id`);--> statement-breakpoint
-- Before claims stopped linking people, a web visitor who typed a customer's email joined that
-- customer and, being the newest profile, renamed them. Such customers are named again from the
-- identities a channel vouches for (customers/profile.ts, through clientela_profile). The joins
-- themselves stay: an agent may have made them on purpose, and can split them.
UPDATE `customers` SET
  `display_name` = json_extract(p.profile, '$.displayName'),
  `sort_name` = json_extract(p.profile, '$.sortName'),
  `profile_picture_url` = json_extract(p.profile, '$.profilePictureUrl')
FROM (
  SELECT c.id, clientela_profile(
    json_object('id', c.id, 'displayName', c.display_name, 'nameLocked', c.name_locked,
                'phone', c.phone, 'email', c.email, 'source', c.source),
    (SELECT json_group_array(json_object(
       'channel', i.channel, 'account', i.account, 'externalId', i.external_id,
       'displayName', i.display_name, 'phone', i.phone, 'email', i.email, 'username', i.username,
       'profilePictureUrl', i.profile_picture_url, 'profileAt', i.profile_at,
       'firstMessageAt', cv.first_message_at))
     FROM `identities` i LEFT JOIN `conversations` cv ON cv.identity_id = i.id
     WHERE i.customer_id = c.id)) AS profile
  FROM `customers` c
  WHERE c.name_locked = 0
    AND EXISTS (SELECT 1 FROM `identities` w WHERE w.customer_id = c.id AND w.channel = 'webchat')
    AND EXISTS (SELECT 1 FROM `identities` v WHERE v.customer_id = c.id AND v.channel <> 'webchat')
) AS p
WHERE `customers`.id = p.id;
