-- The unread total (the navigation's badge, the app icon's) reads only the conversations with unread
-- messages: a few in a read inbox, where summing every conversation scanned them all.
CREATE INDEX `conversations_unread` ON `conversations` (`unread_count`) WHERE "conversations"."unread_count" > 0;