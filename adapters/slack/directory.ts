// Who a Slack user is (name, e-mail, language) and which DM channel reaches them.
// Both are asked of Slack at most once per user every few minutes: profile lookups
// happen on nearly every event, and Slack rate-limits users.info.
import type { Clock } from '../../src/core/clock.js';
import { DeliveryError } from '../../src/core/errors.js';
import { setBounded } from '../../src/core/bounded-map.js';
import type { Logger } from '../../src/core/logger.js';
import type { SlackApi } from './slack-api.js';

export interface SlackProfile {
  displayName?: string;
  email?: string;
  locale?: string;
  isBot: boolean;
}

const PROFILE_TTL_MS = 10 * 60_000;
const MAX_CACHED = 5000;

interface UsersInfo {
  user?: {
    name?: string;
    real_name?: string;
    is_bot?: boolean;
    deleted?: boolean;
    locale?: string;
    profile?: { display_name?: string; real_name?: string; email?: string };
  };
}

export class SlackDirectory {
  private readonly profiles = new Map<string, { at: number; profile: SlackProfile }>();
  private readonly dmChannels = new Map<string, string>();

  constructor(
    private readonly api: SlackApi,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The user's profile, or an empty one when Slack will not say (missing scope, outage). */
  async profile(userId: string): Promise<SlackProfile> {
    const now = this.clock.now().getTime();
    const cached = this.profiles.get(userId);
    if (cached && now - cached.at < PROFILE_TTL_MS) return cached.profile;
    try {
      const { user } = await this.api.call<UsersInfo>('users.info', { user: userId, include_locale: true });
      const profile: SlackProfile = {
        displayName: user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name,
        email: user?.profile?.email,
        locale: user?.locale,
        isBot: user?.is_bot === true,
      };
      setBounded(this.profiles, userId, { at: now, profile }, MAX_CACHED);
      return profile;
    } catch (error) {
      this.logger.warn({ reason: error instanceof DeliveryError ? error.platformCode : 'unknown' }, 'slack profile lookup failed');
      return cached?.profile ?? { isBot: false };
    }
  }

  /** The DM channel between kohort and the user (conversations.open is idempotent). */
  async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const result = await this.api.call<{ channel?: { id?: string } }>('conversations.open', { users: userId });
    const channel = result.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    setBounded(this.dmChannels, userId, channel, MAX_CACHED);
    return channel;
  }

  /** The Slack user with this e-mail address in the workspace, if any. */
  async userByEmail(email: string): Promise<string | undefined> {
    try {
      const result = await this.api.call<{ user?: { id?: string } }>('users.lookupByEmail', { email });
      return result.user?.id;
    } catch (error) {
      if (error instanceof DeliveryError && error.platformCode === 'users_not_found') return undefined;
      throw error;
    }
  }
}
