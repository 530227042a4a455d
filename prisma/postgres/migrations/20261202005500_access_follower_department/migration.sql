-- AlterTable
ALTER TABLE "TicketWatcher" ADD COLUMN     "departmentId" INTEGER;

-- AddForeignKey
ALTER TABLE "TicketWatcher" ADD CONSTRAINT "TicketWatcher_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Backfill: a follower row takes the department through which its agent could see the ticket: the
-- ticket's department if they are a member of it, else one of their departments the ticket was
-- transferred out of, else the ticket's department (which then grants nothing on its own).
UPDATE "TicketWatcher" SET "departmentId" = COALESCE(
  (SELECT t."departmentId" FROM "Ticket" t JOIN "StaffDepartment" sd ON sd."departmentId" = t."departmentId" AND sd."staffId" = "TicketWatcher"."staffId" WHERE t."id" = "TicketWatcher"."ticketId"),
  (SELECT MIN(sd."departmentId") FROM "StaffDepartment" sd JOIN "Department" d ON d."id" = sd."departmentId" JOIN "HistoryEvent" h ON h."ticketId" = "TicketWatcher"."ticketId" AND h."type" = 'transferred' AND h."fromValue" = d."name" WHERE sd."staffId" = "TicketWatcher"."staffId"),
  (SELECT t."departmentId" FROM "Ticket" t WHERE t."id" = "TicketWatcher"."ticketId")
);
