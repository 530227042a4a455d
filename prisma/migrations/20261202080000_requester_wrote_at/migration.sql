-- When the requester last wrote, kept on the ticket so the queue page reads it with the row
-- instead of one more query over the thread for every page.
ALTER TABLE "Ticket" ADD COLUMN "requesterWroteAt" DATETIME;

UPDATE "Ticket" SET "requesterWroteAt" = (
    SELECT MAX("createdAt") FROM "ThreadEntry" WHERE "ThreadEntry"."ticketId" = "Ticket"."id" AND "ThreadEntry"."kind" = 'MESSAGE'
);
