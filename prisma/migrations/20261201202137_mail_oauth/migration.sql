-- CreateTable
CREATE TABLE "MailOAuthGrant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "mailboxId" INTEGER,
    "provider" TEXT NOT NULL,
    "flow" TEXT NOT NULL DEFAULT 'authorization_code',
    "tenant" TEXT NOT NULL DEFAULT '',
    "clientId" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "authorizeUrl" TEXT NOT NULL DEFAULT '',
    "tokenUrl" TEXT NOT NULL DEFAULT '',
    "account" TEXT,
    "refreshToken" TEXT,
    "accessToken" TEXT,
    "accessTokenExpiresAt" DATETIME,
    "connectedAt" DATETIME,
    "needsReconnect" BOOLEAN NOT NULL DEFAULT false,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "refreshLeaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MailOAuthGrant_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "ImapMailbox" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImapMailbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 993,
    "secure" BOOLEAN NOT NULL DEFAULT true,
    "username" TEXT NOT NULL,
    "password" TEXT NOT NULL,
    "folder" TEXT NOT NULL DEFAULT 'INBOX',
    "helpTopicId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastPolledAt" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "authMethod" TEXT NOT NULL DEFAULT 'password',
    CONSTRAINT "ImapMailbox_helpTopicId_fkey" FOREIGN KEY ("helpTopicId") REFERENCES "HelpTopic" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ImapMailbox" ("active", "createdAt", "folder", "helpTopicId", "host", "id", "lastError", "lastErrorAt", "lastPolledAt", "name", "password", "port", "secure", "updatedAt", "username") SELECT "active", "createdAt", "folder", "helpTopicId", "host", "id", "lastError", "lastErrorAt", "lastPolledAt", "name", "password", "port", "secure", "updatedAt", "username" FROM "ImapMailbox";
DROP TABLE "ImapMailbox";
ALTER TABLE "new_ImapMailbox" RENAME TO "ImapMailbox";
CREATE UNIQUE INDEX "ImapMailbox_name_key" ON "ImapMailbox"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MailOAuthGrant_key_key" ON "MailOAuthGrant"("key");

-- CreateIndex
CREATE UNIQUE INDEX "MailOAuthGrant_mailboxId_key" ON "MailOAuthGrant"("mailboxId");

