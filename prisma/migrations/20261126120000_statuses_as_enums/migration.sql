-- Every status and kind becomes an enum, converted in place (no row is lost), and failed
-- outbox rows get the neutral reason facilitators are shown (the platform's own code
-- stays in "lastError").

-- CreateEnum
CREATE TYPE "PreparationKind" AS ENUM ('read', 'watch', 'listen', 'task', 'reflection', 'maturity_test', 'stop_doing');
CREATE TYPE "AttemptStatus" AS ENUM ('in_progress', 'paused', 'submitted');
CREATE TYPE "CommitmentScope" AS ENUM ('personal', 'team');
CREATE TYPE "CommitmentStatus" AS ENUM ('active', 'done', 'partly', 'not_yet', 'dropped', 'withdrawn');
CREATE TYPE "CommitmentVisibility" AS ENUM ('named', 'counted');
CREATE TYPE "CheckInStatus" AS ENUM ('done', 'partly', 'not_yet', 'dropped');
CREATE TYPE "OutboundKind" AS ENUM ('reminder', 'module_notice', 'follow_up', 'nudge', 'summary', 'broadcast', 'reflection');
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'claimed', 'sent', 'failed', 'skipped', 'cancelled');
CREATE TYPE "DeliveryFailure" AS ENUM ('unreachable', 'forbidden', 'not_found', 'rejected', 'unauthorized', 'rate_limited', 'transient', 'no_platform', 'platform_not_configured', 'internal_error');
CREATE TYPE "ConversationKind" AS ENUM ('dm', 'channel');
CREATE TYPE "BroadcastContent" AS ENUM ('module', 'text');
CREATE TYPE "BroadcastAudience" AS ENUM ('all', 'channels', 'group');
CREATE TYPE "BroadcastStatus" AS ENUM ('draft', 'sending', 'cancelled');

-- AlterTable
ALTER TABLE "Preparation" ALTER COLUMN "kind" TYPE "PreparationKind" USING "kind"::"PreparationKind";

-- An early version wrote "closed" for a submitted attempt.
ALTER TABLE "QuestionnaireAttempt" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "QuestionnaireAttempt" ALTER COLUMN "status" TYPE "AttemptStatus" USING (CASE WHEN "status" = 'closed' THEN 'submitted' ELSE "status" END)::"AttemptStatus";
ALTER TABLE "QuestionnaireAttempt" ALTER COLUMN "status" SET DEFAULT 'in_progress';

ALTER TABLE "Commitment" ALTER COLUMN "scope" DROP DEFAULT, ALTER COLUMN "status" DROP DEFAULT, ALTER COLUMN "visibility" DROP DEFAULT;
ALTER TABLE "Commitment"
  ALTER COLUMN "scope" TYPE "CommitmentScope" USING "scope"::"CommitmentScope",
  ALTER COLUMN "status" TYPE "CommitmentStatus" USING "status"::"CommitmentStatus",
  ALTER COLUMN "visibility" TYPE "CommitmentVisibility" USING "visibility"::"CommitmentVisibility";
ALTER TABLE "Commitment" ALTER COLUMN "scope" SET DEFAULT 'personal', ALTER COLUMN "status" SET DEFAULT 'active', ALTER COLUMN "visibility" SET DEFAULT 'counted';

ALTER TABLE "CommitmentFollowUp" ALTER COLUMN "status" TYPE "CheckInStatus" USING "status"::"CheckInStatus";

ALTER TABLE "OutboundMessage" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "OutboundMessage"
  ALTER COLUMN "kind" TYPE "OutboundKind" USING "kind"::"OutboundKind",
  ALTER COLUMN "status" TYPE "OutboxStatus" USING "status"::"OutboxStatus";
ALTER TABLE "OutboundMessage" ALTER COLUMN "status" SET DEFAULT 'pending';
ALTER TABLE "OutboundMessage" ADD COLUMN "failure" "DeliveryFailure";
UPDATE "OutboundMessage" SET "failure" = (CASE
    WHEN "lastError" IN ('no_platform', 'platform_not_configured', 'internal_error') THEN "lastError"
    WHEN "lastError" IN ('account_inactive', 'user_disabled', 'cannot_dm_bot', 'is_archived') THEN 'unreachable'
    WHEN "lastError" IN ('forbidden', 'not_in_channel', 'restricted_action') THEN 'forbidden'
    WHEN "lastError" IN ('no_permission', 'missing_scope', 'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'ekm_access_denied', 'http_401') THEN 'unauthorized'
    WHEN "lastError" IN ('channel_not_found', 'user_not_found', 'users_not_found', 'conversation_not_found', 'message_not_found') THEN 'not_found'
    WHEN "lastError" IN ('invalid_blocks', 'msg_too_long', 'message_too_big') THEN 'rejected'
    WHEN "lastError" = 'ratelimited' THEN 'rate_limited'
    ELSE 'transient'
  END)::"DeliveryFailure"
  WHERE "status" = 'failed' OR ("status" = 'pending' AND "attempts" > 0 AND "lastError" IS NOT NULL);

ALTER TABLE "ConversationReference" ALTER COLUMN "kind" TYPE "ConversationKind" USING "kind"::"ConversationKind";

ALTER TABLE "Broadcast" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Broadcast"
  ALTER COLUMN "contentKind" TYPE "BroadcastContent" USING "contentKind"::"BroadcastContent",
  ALTER COLUMN "audience" TYPE "BroadcastAudience" USING "audience"::"BroadcastAudience",
  ALTER COLUMN "status" TYPE "BroadcastStatus" USING "status"::"BroadcastStatus";
ALTER TABLE "Broadcast" ALTER COLUMN "status" SET DEFAULT 'draft';
