-- AlterEnum
ALTER TYPE "InboundState" ADD VALUE 'BOUNCE';

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "contentId" TEXT;

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "contentHash" TEXT,
ADD COLUMN     "rawFrom" TEXT,
ADD COLUMN     "reusedMessageId" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "senderUnclear" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "InboundMessage_ticketId_idx" ON "InboundMessage"("ticketId");

