-- Full-text index of each customer (names, phones, emails, usernames, notes), keyed by customer id.
-- Contentless with delete support: the text lives in the real tables; this holds only the index.
-- Prefix indexes make "type a few letters" searches cheap at a million customers.
CREATE VIRTUAL TABLE `customers_fts` USING fts5(
	body,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3'
);
