-- What issue 15 needs stored: the test occasion a preparation stands for, the decision
-- that completed a stop-doing preparation, the language a person's client reports and a
-- visitor's choice, channel names, the reflection question awaiting a typed answer, and
-- program texts in both languages.

-- AlterTable
ALTER TABLE "CohortChannel" ADD COLUMN     "name" TEXT;

-- AlterTable
ALTER TABLE "Module" ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Preparation" ADD COLUMN     "occasionKey" TEXT,
ADD COLUMN     "translations" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "platformLocale" TEXT;

-- AlterTable
ALTER TABLE "Commitment" ADD COLUMN     "preparationId" UUID;

-- AlterTable
ALTER TABLE "ConversationReference" ADD COLUMN     "locale" TEXT;

-- CreateTable
CREATE TABLE "AwaitedReflection" (
    "participantId" UUID NOT NULL,
    "preparationId" UUID NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AwaitedReflection_pkey" PRIMARY KEY ("participantId")
);

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_preparationId_fkey" FOREIGN KEY ("preparationId") REFERENCES "Preparation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwaitedReflection" ADD CONSTRAINT "AwaitedReflection_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwaitedReflection" ADD CONSTRAINT "AwaitedReflection_preparationId_fkey" FOREIGN KEY ("preparationId") REFERENCES "Preparation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

