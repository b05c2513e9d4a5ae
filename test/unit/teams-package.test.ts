// The Teams app package an admin uploads: what Teams checks on upload, checked here.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../adapters/teams/package.js';

const APP_ID = '3f1c2b7a-1111-4222-8333-944445555666';

function pngSize(bytes: Uint8Array): { width: number; height: number; colorType: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  return { width: view.getUint32(16), height: view.getUint32(20), colorType: bytes[25]! };
}

describe('Teams app package', () => {
  it('zips a manifest with the bot’s id everywhere and both icons at Teams’ sizes', () => {
    const { zip } = buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID });
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
    expect(() => buildTeamsPackage({ MICROSOFT_APP_ID: 'not-a-guid' })).toThrow(/MICROSOFT_APP_ID/);
    expect(() => buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID, TEAMS_PRIVACY_URL: 'http://example.org' })).toThrow('TEAMS_PRIVACY_URL must be an https:// URL');
    const custom = buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID, TEAMS_DEVELOPER_NAME: 'Region "Norr" bibliotek' }).manifest as Record<string, any>;
    expect(custom.developer.name).toBe('Region "Norr" bibliotek');
  });
});
