-- The outbox reads a batch's people at once (issue 18): their platform identities and
-- their direct conversations by participant, hundreds at a time.
-- CreateIndex
CREATE INDEX "PlatformIdentity_participantId_idx" ON "PlatformIdentity"("participantId");

-- CreateIndex
CREATE INDEX "ConversationReference_participantId_idx" ON "ConversationReference"("participantId");
