-- AlterTable
ALTER TABLE "Preparation" ADD COLUMN     "reflectionAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" UUID NOT NULL,
    "cohortId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "contentKind" TEXT NOT NULL,
    "moduleId" UUID,
    "text" TEXT,
    "audience" TEXT,
    "groupId" UUID,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "reportedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Broadcast_cohortId_createdAt_idx" ON "Broadcast"("cohortId", "createdAt");

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

