// The Teams app package an admin uploads: what Teams checks on upload, checked here.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../adapters/teams/package.js';

const APP_ID = '3f1c2b7a-1111-4222-8333-944445555666';
const PUBLIC_URL = 'https://kohort.example.org/';
const BASE = { MICROSOFT_APP_ID: APP_ID, PUBLIC_URL };

function pngSize(bytes: Uint8Array): { width: number; height: number; colorType: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  return { width: view.getUint32(16), height: view.getUint32(20), colorType: bytes[25]! };
}

describe('Teams app package', () => {
  it('zips a manifest with the bot’s id everywhere and both icons at Teams’ sizes', () => {
    const { zip } = buildTeamsPackage(BASE);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, any>;
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.manifestVersion).toBe('1.19');
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    // Teams' limits on the text fields.
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    for (const list of manifest.bots[0].commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(pngSize(files['color.png']!)).toMatchObject({ width: 192, height: 192 });
    // The outline icon must be 32×32 with transparency (RGBA).
    expect(pngSize(files['outline.png']!)).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  it('refuses to build without a valid app id or with a non-https developer URL', () => {
    expect(() => buildTeamsPackage({})).toThrow(/MICROSOFT_APP_ID must be set/);
    expect(() => buildTeamsPackage({ ...BASE, MICROSOFT_APP_ID: 'not-a-guid' })).toThrow(/MICROSOFT_APP_ID/);
    expect(() => buildTeamsPackage({ ...BASE, TEAMS_PRIVACY_URL: 'http://example.org' })).toThrow('TEAMS_PRIVACY_URL must be an https:// URL');
    const custom = buildTeamsPackage({ ...BASE, TEAMS_DEVELOPER_NAME: 'Region "Norr" bibliotek' }).manifest as Record<string, any>;
    expect(custom.developer.name).toBe('Region "Norr" bibliotek');
  });

  it('has a personal tab that opens the console’s entry page at PUBLIC_URL, after the chat, on a listed domain', () => {
    const manifest = buildTeamsPackage(BASE).manifest as Record<string, any>;
    const tabs = manifest.staticTabs as { entityId: string; name?: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
    // The chat with the bot stays the first tab, the one the app opens on.
    expect(tabs.map((t) => t.entityId)).toEqual(['conversations', 'console']);
    const tab = tabs[1]!;
    expect(tab).toEqual({
      entityId: 'console',
      name: 'Webbpanel',
      contentUrl: 'https://kohort.example.org/console/teams-tab?locale={locale}',
      websiteUrl: 'https://kohort.example.org/console',
      scopes: ['personal'],
    });
    expect(manifest.validDomains).toEqual(['kohort.example.org']);
    // What the manifest schema (v1.19) asks of static tabs.
    expect(tabs.length).toBeLessThanOrEqual(16);
    for (const t of tabs) {
      expect(t.entityId.length).toBeLessThanOrEqual(64);
      expect(t.scopes).toEqual(['personal']);
      if (t.name !== undefined) expect(t.name.length).toBeLessThanOrEqual(128);
      for (const url of [t.contentUrl, t.websiteUrl]) {
        if (url === undefined) continue;
        expect(url).toMatch(/^https:\/\//);
        expect(url.length).toBeLessThanOrEqual(2048);
        expect(manifest.validDomains).toContain(new URL(url.replace('{locale}', 'sv-se')).host);
      }
    }
    // A path under which kohort is served is kept.
    const under = buildTeamsPackage({ ...BASE, PUBLIC_URL: 'https://bibliotek.example.org:8443/kohort' }).manifest as Record<string, any>;
    expect(under.staticTabs[1].contentUrl).toBe('https://bibliotek.example.org:8443/kohort/console/teams-tab?locale={locale}');
    expect(under.validDomains).toEqual(['bibliotek.example.org:8443']);
  });

  it('refuses to build without an https PUBLIC_URL (Teams opens tabs from https only)', () => {
    expect(() => buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID })).toThrow(/PUBLIC_URL must be set to kohort’s https:\/\/ address/);
    expect(() => buildTeamsPackage({ ...BASE, PUBLIC_URL: 'http://kohort.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => buildTeamsPackage({ ...BASE, PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});
