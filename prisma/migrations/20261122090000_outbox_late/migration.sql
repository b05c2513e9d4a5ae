-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "OutboundMessage_participantId_status_idx" ON "OutboundMessage"("participantId", "status");

