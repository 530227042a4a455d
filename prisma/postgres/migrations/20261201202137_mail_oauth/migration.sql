-- AlterTable
ALTER TABLE "ImapMailbox" ADD COLUMN     "authMethod" TEXT NOT NULL DEFAULT 'password';

-- CreateTable
CREATE TABLE "MailOAuthGrant" (
    "id" SERIAL NOT NULL,
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
    "accessTokenExpiresAt" TIMESTAMP(3),
    "connectedAt" TIMESTAMP(3),
    "needsReconnect" BOOLEAN NOT NULL DEFAULT false,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "refreshLeaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailOAuthGrant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MailOAuthGrant_key_key" ON "MailOAuthGrant"("key");

-- CreateIndex
CREATE UNIQUE INDEX "MailOAuthGrant_mailboxId_key" ON "MailOAuthGrant"("mailboxId");

-- AddForeignKey
ALTER TABLE "MailOAuthGrant" ADD CONSTRAINT "MailOAuthGrant_mailboxId_fkey" FOREIGN KEY ("mailboxId") REFERENCES "ImapMailbox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

