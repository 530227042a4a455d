-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN "contentId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "mailbox" TEXT NOT NULL,
    "fromEmail" TEXT,
    "subject" TEXT,
    "state" TEXT NOT NULL,
    "ticketId" INTEGER,
    "raw" TEXT,
    "error" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "contentHash" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "senderUnclear" BOOLEAN NOT NULL DEFAULT false,
    "reusedMessageId" BOOLEAN NOT NULL DEFAULT false,
    "rawFrom" TEXT
);
INSERT INTO "new_InboundMessage" ("dedupeKey", "error", "fromEmail", "id", "mailbox", "raw", "receivedAt", "state", "subject", "ticketId") SELECT "dedupeKey", "error", "fromEmail", "id", "mailbox", "raw", "receivedAt", "state", "subject", "ticketId" FROM "InboundMessage";
DROP TABLE "InboundMessage";
ALTER TABLE "new_InboundMessage" RENAME TO "InboundMessage";
CREATE UNIQUE INDEX "InboundMessage_dedupeKey_key" ON "InboundMessage"("dedupeKey");
CREATE INDEX "InboundMessage_state_receivedAt_idx" ON "InboundMessage"("state", "receivedAt");
CREATE INDEX "InboundMessage_ticketId_idx" ON "InboundMessage"("ticketId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

