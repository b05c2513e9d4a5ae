-- Platform budgets shared by replicas (issue 18): one row per Slack workspace or Teams tenant.

-- CreateTable
CREATE TABLE "SendBudget" (
    "key" TEXT NOT NULL,
    "nextAt" DOUBLE PRECISION NOT NULL,
    "intervalMs" DOUBLE PRECISION NOT NULL,
    "intervalAt" DOUBLE PRECISION NOT NULL,
    "second" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,

    CONSTRAINT "SendBudget_pkey" PRIMARY KEY ("key")
);

