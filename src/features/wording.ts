// Small pieces of wording more than one feature uses, so they read the same everywhere.
import type { Platform } from '../core/events.js';
import type { Context } from './context.js';

/** "#kohorten (Slack)" */
export function channelLabel(t: Context['t'], channel: { platform: Platform; channelId: string }): string {
  return t('common.channel_label', { channel: channel.channelId, platform: t(`common.platforms.${channel.platform}`) });
}

/** "4", "modul 4", "module 4" → 4; anything else → undefined. */
export function moduleNumberOf(args: string): number | undefined {
  const match = /^(?:modul |module )?(\d{1,2})$/i.exec(args.trim().replace(/\s+/g, ' '));
  return match ? Number(match[1]) : undefined;
}
