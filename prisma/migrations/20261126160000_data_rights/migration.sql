-- Data rights (issue 16): every column that names a participant gets a foreign key, so that
-- erasing a person can leave no id of theirs behind; a person's own data download belongs to
-- them; a keyed hash keeps an erased person out of the next import; the privacy notice that
-- comes with a person's first message is remembered.
--
-- Rows that already name a participant who no longer exists (nothing deleted people before,
-- but a hand-edited database might) are cleared first, or the new keys could not be added.
DELETE FROM "OutboundMessage" o WHERE o."participantId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Participant" p WHERE p."id" = o."participantId");
UPDATE "AuditLog" a SET "actorId" = NULL WHERE a."actorId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Participant" p WHERE p."id" = a."actorId");
DELETE FROM "Export" e WHERE NOT EXISTS (SELECT 1 FROM "Cohort" c WHERE c."id" = e."cohortId");


-- AlterEnum
ALTER TYPE "OutboundKind" ADD VALUE 'notice';

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "privacyNoticeAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Export" ADD COLUMN     "participantId" UUID;

-- AlterTable
ALTER TABLE "Broadcast" ALTER COLUMN "createdById" DROP NOT NULL;
UPDATE "Broadcast" b SET "createdById" = NULL WHERE NOT EXISTS (SELECT 1 FROM "Participant" p WHERE p."id" = b."createdById");

-- CreateTable
CREATE TABLE "ErasedPerson" (
    "digest" TEXT NOT NULL,
    "erasedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ErasedPerson_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "Setting" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");

-- CreateIndex
CREATE INDEX "Export_participantId_idx" ON "Export"("participantId");

-- AddForeignKey
ALTER TABLE "OutboundMessage" ADD CONSTRAINT "OutboundMessage_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Export" ADD CONSTRAINT "Export_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Export" ADD CONSTRAINT "Export_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Participant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

