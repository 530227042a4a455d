-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TicketWatcher" (
    "ticketId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "ticketIsOpen" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ticketId", "staffId"),
    CONSTRAINT "TicketWatcher_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TicketWatcher_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TicketWatcher" ("createdAt", "staffId", "ticketId") SELECT "createdAt", "staffId", "ticketId" FROM "TicketWatcher";
DROP TABLE "TicketWatcher";
ALTER TABLE "new_TicketWatcher" RENAME TO "TicketWatcher";
CREATE INDEX "TicketWatcher_staffId_ticketId_idx" ON "TicketWatcher"("staffId", "ticketId");
CREATE INDEX "TicketWatcher_staffId_ticketIsOpen_ticketId_idx" ON "TicketWatcher"("staffId", "ticketIsOpen", "ticketId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: each follower row takes its ticket's current state.
UPDATE "TicketWatcher" SET "ticketIsOpen" = (SELECT "isOpen" FROM "Ticket" WHERE "Ticket"."id" = "TicketWatcher"."ticketId");
