-- Platform posting budgets shared by replicas (issue 18): one row per Slack workspace or Teams tenant.

-- CreateTable
CREATE TABLE "SendBudget" (
    "key" TEXT NOT NULL,
    "window" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL DEFAULT 0,
    "heldUntil" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SendBudget_pkey" PRIMARY KEY ("key")
);

