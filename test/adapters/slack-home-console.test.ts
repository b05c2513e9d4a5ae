// The web console on Slack's Home tab (issue 17.1), through the real Bolt receiver over HTTP
// against the fake Slack: a facilitator's Home has a button and no link; pressing it issues a
// fresh single-use link into their DM, which signs them in; a participant's Home has neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, interactiveBody } from '../helpers/fake-slack.js';
import { fixture, SIGNING_SECRET, startSlackKohort } from '../helpers/slack-kohort.js';

let k: Awaited<ReturnType<typeof startSlackKohort>>;
beforeAll(async () => {
  k = await startSlackKohort();
});
afterAll(async () => k.stop());

let counter = 0;

interface SlackButton {
  type: 'button';
  action_id: string;
  value?: string;
  url?: string;
  text: { text: string };
}
interface HomeView {
  type: string;
  blocks: { type: string; block_id?: string; elements?: SlackButton[] }[];
}

/** `user` opens kohort's Home tab; returns the view kohort published for them. */
async function openHome(user: string, channel: string): Promise<HomeView> {
  counter += 1;
  const body = JSON.parse(fixture('app_home_opened.json')) as { event: Record<string, string>; event_id: string };
  Object.assign(body.event, { user, channel, tab: 'home' });
  body.event_id = `Ev-home-console-${counter}`;
  const before = k.fake.callsOf('views.publish').length;
  expect((await deliver(k.url, JSON.stringify(body), { secret: SIGNING_SECRET })).status).toBe(200);
  await k.kohort.idle();
  const published = k.fake.callsOf('views.publish');
  expect(published).toHaveLength(before + 1);
  expect(published.at(-1)!.args.user_id).toBe(user);
  return published.at(-1)!.args.view as HomeView;
}

const buttons = (view: HomeView) => view.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));

/** Presses a Home tab button, as Slack reports a click in a view (no channel, container of type view). */
async function press(user: string, view: HomeView, button: SlackButton): Promise<void> {
  counter += 1;
  const block = view.blocks.find((b) => b.elements?.includes(button))!;
  const payload = {
    type: 'block_actions',
    user: { id: user, team_id: 'T111' },
    team: { id: 'T111' },
    trigger_id: `trigger-home-${counter}`,
    container: { type: 'view', view_id: 'V-fake' },
    view: { id: 'V-fake', type: 'home' },
    actions: [{ type: 'button', action_id: button.action_id, block_id: block.block_id ?? 'b0', value: button.value, text: button.text, action_ts: `1700000300.${counter}` }],
  };
  expect((await deliver(k.url, interactiveBody(payload), { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' })).status).toBe(200);
  await k.kohort.idle();
}

describe('the console on the Slack Home tab', () => {
  it('gives a facilitator a button that sends a fresh link to their DM, and a participant nothing', async () => {
    // Dan is the cohort's facilitator (in English).
    const dan = await openHome('U045VRZFT', 'DDAN');
    const text = JSON.stringify(dan);
    expect(text).toContain('The web dashboard');
    expect(text).toContain('it works once, for 10 minutes');
    const send = buttons(dan).find((b) => b.text.text === 'Send me a sign-in link')!;
    expect(send).toBeDefined();
    // No sign-in link (nor any url button) is drawn into the Home: it is issued when pressed.
    expect(text).not.toContain('/console/sign-in/');
    expect(buttons(dan).every((b) => b.url === undefined)).toBe(true);
    expect(await k.db.prisma.consoleLink.count()).toBe(0);

    const postsBefore = k.fake.callsOf('chat.postMessage').length;
    await press('U045VRZFT', dan, send);
    const posts = k.fake.callsOf('chat.postMessage').slice(postsBefore);
    expect(posts).toHaveLength(1);
    // The person's DM, found through conversations.open (a click in a view names no channel).
    expect(posts[0]!.args.channel).toBe('D-U045VRZFT');
    const link = /https?:\/\/[^\s"<>|]+\/console\/sign-in\/[\w-]{43}/.exec(JSON.stringify(posts[0]!.args.blocks))?.[0];
    expect(link).toBeDefined();
    expect(await k.db.prisma.consoleLink.count()).toBe(1);
    const signIn = await fetch(link!.replace(/^https?:\/\/[^/]+/, k.url), { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('set-cookie')).toMatch(/^kohort\.console=/);

    // Ada is a participant: her Home says nothing of the console and has no such button.
    const ada = await openHome('W111', 'DADA');
    expect(JSON.stringify(ada)).not.toMatch(/webbpanel|dashboard|inloggningslänk/i);
    expect(buttons(ada).map((b) => b.text.text)).not.toContain('Skicka inloggningslänk');
    expect(await k.db.prisma.consoleLink.count()).toBe(1);
  });
});
