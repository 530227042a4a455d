-- AlterTable
ALTER TABLE "TicketWatcher" ADD COLUMN     "ticketIsOpen" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "TicketWatcher_staffId_ticketIsOpen_ticketId_idx" ON "TicketWatcher"("staffId", "ticketIsOpen", "ticketId");


-- Backfill: each follower row takes its ticket's current state.
UPDATE "TicketWatcher" SET "ticketIsOpen" = (SELECT "isOpen" FROM "Ticket" WHERE "Ticket"."id" = "TicketWatcher"."ticketId");
