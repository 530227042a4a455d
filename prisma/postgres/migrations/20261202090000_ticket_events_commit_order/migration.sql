-- Event ids must follow commit order (lib/tickets/events.ts): subscribers read "every event after
-- the last one I handled", and PostgreSQL draws a serial id at insert, not at commit. So every
-- insert into "TicketEvent" first takes one transaction-scoped lock, before its rows draw their ids
-- (statement-level BEFORE triggers fire before the rows are formed), and holds it until commit.
-- Taken here rather than by a statement of its own (the application updated the "Sequence" row
-- 'ticket-events' first: removed below), the lock is held for one round trip less, the insert and
-- the commit. Under bench:load that round trip was about half of the time other writers queued.
-- Advisory locks belong to one database, and nothing else in the application takes this key.
-- The body spells its semicolons as \073: Prisma's PostgreSQL adapter runs a migration split at
-- every semicolon of the file, comments and quoted text included.
CREATE FUNCTION "ticket_event_commit_order"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_advisory_xact_lock(7310450001)\073 RETURN NULL\073 END';

CREATE TRIGGER "TicketEvent_commit_order" BEFORE INSERT ON "TicketEvent" FOR EACH STATEMENT EXECUTE FUNCTION "ticket_event_commit_order"();

DELETE FROM "Sequence" WHERE "name" = 'ticket-events';
