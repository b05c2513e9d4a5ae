-- CreateTable
CREATE TABLE "ConversationPrompt" (
    "platform" "Platform" NOT NULL,
    "key" TEXT NOT NULL,
    "prompt" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationPrompt_pkey" PRIMARY KEY ("platform","key")
);

