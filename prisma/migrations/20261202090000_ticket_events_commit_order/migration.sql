-- SQLite writes one transaction at a time, so event ids already follow commit order: the
-- "Sequence" row every event writer updated first (lib/tickets/events.ts) is no longer used.
-- PostgreSQL's migration of the same name puts the lock in a trigger.
DELETE FROM "Sequence" WHERE "name" = 'ticket-events';
