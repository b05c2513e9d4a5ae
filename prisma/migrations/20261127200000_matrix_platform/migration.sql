-- Matrix joins Slack, Teams and the playground as a platform people and channels live on.
ALTER TYPE "Platform" ADD VALUE 'matrix' BEFORE 'local';
