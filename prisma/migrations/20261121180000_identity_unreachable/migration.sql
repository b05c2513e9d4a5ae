-- AlterTable
ALTER TABLE "PlatformIdentity" ADD COLUMN     "unreachableSince" TIMESTAMPTZ(3);

