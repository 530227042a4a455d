-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "resolution" TEXT;

