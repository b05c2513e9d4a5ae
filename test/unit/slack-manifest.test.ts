// The manifest an organisation creates its Slack app from must ask for exactly what the
// adapter uses: the events it parses, the scopes of the methods it calls, one endpoint.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/kohort-process.js';

const manifest = parse(readFileSync(path.join(ROOT, 'adapters/slack/manifest.yaml'), 'utf8'));

/** Web API methods the adapter calls, and the bot scope each needs (api.slack.com/methods). */
const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'users.lookupByEmail': 'users:read.email',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

describe('Slack app manifest', () => {
  it('points events, interactivity and the slash command at /slack/events', () => {
    const urls = [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.features.slash_commands[0].url];
    expect(urls.every((url: string) => url.endsWith('/slack/events'))).toBe(true);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/kohort']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('subscribes to the events the adapter handles, and has the home tab on', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('asks for the scope of every Web API method the adapter calls', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    const adapterSource = ['slack-adapter.ts', 'directory.ts', 'slack-api.ts'].map((f) => readFileSync(path.join(ROOT, 'adapters/slack', f), 'utf8')).join('\n');
    const called = [...adapterSource.matchAll(/'((?:chat|conversations|users|views|files)\.[a-zA-Z]+)'/g)].map((m) => m[1]!);
    expect(called.length).toBeGreaterThan(5);
    for (const method of called) {
      if (method.startsWith('views.')) continue; // views.* need no scope of their own
      expect(scopes, method).toContain(METHOD_SCOPES[method]);
    }
    expect(scopes).toEqual(expect.arrayContaining(['app_mentions:read', 'commands', 'im:history']));
  });
});
