-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TicketWatcher" (
    "ticketId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "ticketIsOpen" BOOLEAN NOT NULL DEFAULT true,
    "departmentId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ticketId", "staffId"),
    CONSTRAINT "TicketWatcher_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TicketWatcher_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TicketWatcher_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_TicketWatcher" ("createdAt", "staffId", "ticketId", "ticketIsOpen") SELECT "createdAt", "staffId", "ticketId", "ticketIsOpen" FROM "TicketWatcher";
DROP TABLE "TicketWatcher";
ALTER TABLE "new_TicketWatcher" RENAME TO "TicketWatcher";
CREATE INDEX "TicketWatcher_staffId_ticketId_idx" ON "TicketWatcher"("staffId", "ticketId");
CREATE INDEX "TicketWatcher_staffId_ticketIsOpen_ticketId_idx" ON "TicketWatcher"("staffId", "ticketIsOpen", "ticketId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: a follower row takes the department through which its agent could see the ticket: the
-- ticket's department if they are a member of it, else one of their departments the ticket was
-- transferred out of, else the ticket's department (which then grants nothing on its own).
UPDATE "TicketWatcher" SET "departmentId" = COALESCE(
  (SELECT t."departmentId" FROM "Ticket" t JOIN "StaffDepartment" sd ON sd."departmentId" = t."departmentId" AND sd."staffId" = "TicketWatcher"."staffId" WHERE t."id" = "TicketWatcher"."ticketId"),
  (SELECT MIN(sd."departmentId") FROM "StaffDepartment" sd JOIN "Department" d ON d."id" = sd."departmentId" JOIN "HistoryEvent" h ON h."ticketId" = "TicketWatcher"."ticketId" AND h."type" = 'transferred' AND h."fromValue" = d."name" WHERE sd."staffId" = "TicketWatcher"."staffId"),
  (SELECT t."departmentId" FROM "Ticket" t WHERE t."id" = "TicketWatcher"."ticketId")
);
