ALTER TABLE `customers` ADD `search_words` text;--> statement-breakpoint
-- Every customer's search words, from the text the app indexes (its names, phones, emails and
-- usernames and those of its identities, its notes). Phone forms and word folding are the app's
-- own code: clientela_search_words is defined on the connection before migrating (customers/sql-functions.ts).
-- This also indexes customers of databases from before 0001, which created the index empty.
UPDATE `customers` SET `search_words` = clientela_search_words(
  `display_name`, `phone`, `email`,
  (SELECT json_group_array(json_array(i.display_name, i.phone, i.email, i.username))
   FROM `identities` i WHERE i.customer_id = `customers`.id),
  (SELECT json_group_array(n.body) FROM `notes` n WHERE n.customer_id = `customers`.id)
);--> statement-breakpoint
-- The full-text index again, from the same words, now with one-character prefixes: "m" or "9"
-- typed alone was answered by merging every word starting with it (55 ms just to count them).
DROP TABLE `customers_fts`;--> statement-breakpoint
CREATE VIRTUAL TABLE `customers_fts` USING fts5(
	body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3'
);--> statement-breakpoint
INSERT INTO `customers_fts` (rowid, body) SELECT id, search_words FROM `customers`;
