-- When the requester last wrote, kept on the ticket so the queue page reads it with the row
-- instead of one more query over the thread for every page.
ALTER TABLE "Ticket" ADD COLUMN "requesterWroteAt" TIMESTAMP(3);

UPDATE "Ticket" SET "requesterWroteAt" = m."at"
FROM (SELECT "ticketId", MAX("createdAt") AS "at" FROM "ThreadEntry" WHERE "kind" = 'MESSAGE' GROUP BY "ticketId") AS m
WHERE m."ticketId" = "Ticket"."id";
