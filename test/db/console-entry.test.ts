// Where chat offers the web console (issue 17.1): help and the home surface, to whoever holds
// `open_console` and to nobody else. The expectations follow the capability in the one matrix,
// so a role that gains it (team leads, later) is offered the console without editing this test.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_ACTION } from '../../src/application/interaction.js';
import { can, type Role } from '../../src/domain/roles.js';
import type { Message } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import type { TestDatabase } from '../helpers/database.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { demoCohort, noticeAlreadyGiven, type servicesFor } from '../helpers/services.js';

let db: TestDatabase;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  let clock;
  ({ db, clock, wiring } = await demoCohort());
  await noticeAlreadyGiven(db, clock.now());
});
afterEach(async () => db.close());

const { say, press, last } = routerChat(() => wiring);

/** The home surface as drawn for `userId` when they open it. */
async function home(userId: string): Promise<string> {
  await wiring.route({ ...messageFrom(userId, ''), type: 'home_opened' } as Parameters<typeof wiring.route>[0]);
  const drawn = wiring.adapter.homes.at(-1)!;
  expect(drawn.userId).toBe(userId);
  return toPlainText(drawn.message);
}

/** A button in the message that runs the console command (whatever its label says). */
function offersConsoleButton(msg: Message): boolean {
  return msg.blocks.some((b) => b.type === 'actions' && b.elements.some((e) => e.type === 'button' && e.actionId === COMMAND_ACTION.id && COMMAND_ACTION.decode(e.value)?.command === 'console'));
}

const PEOPLE: { id: string; roles: Role[] }[] = [
  { id: 'demo-host/sara', roles: ['facilitator', 'admin'] },
  { id: 'demo-host/anna', roles: ['participant', 'team_lead'] },
  { id: 'demo-host/erik', roles: ['participant'] },
];

describe('the console offered in chat', () => {
  it('help tells a facilitator what the console gives and how to get the link, and the button sends one', async () => {
    const help = await say('demo-host/sara', 'hjälp');
    expect(help).toContain('panel – ger dig en inloggningslänk till webbpanelen');
    expect(help).toContain('Webbpanelen: skriv ”panel” eller tryck på knappen, så får du en inloggningslänk i vårt direktmeddelande.');
    const button = buttonOf(last(), 'Få länk till webbpanelen');

    const before = await db.prisma.consoleLink.count();
    const answer = await press('demo-host/sara', button);
    expect(answer).toContain('Här är din inloggningslänk');
    expect(await db.prisma.consoleLink.count()).toBe(before + 1);

    const english = await say('demo-host/maja', 'help');
    expect(english).not.toContain('dashboard');
  });

  it('offers the console in help and on the home surface exactly to the roles that may open it', async () => {
    expect(can(['facilitator'], 'open_console')).toBe(true);
    expect(can(['participant'], 'open_console')).toBe(false);
    for (const person of PEOPLE) {
      const offered = can(person.roles, 'open_console');
      const help = await say(person.id, 'hjälp');
      expect(help.includes('Webbpanelen:'), `help for ${person.id}`).toBe(offered);
      expect(help.includes('panel – '), `command line for ${person.id}`).toBe(offered);
      expect(offersConsoleButton(last()), `button for ${person.id}`).toBe(offered);

      const drawn = await home(person.id);
      expect(drawn.includes('Skicka inloggningslänk'), `home for ${person.id}`).toBe(offered);
      expect(offersConsoleButton(wiring.adapter.homes.at(-1)!.message), `home button for ${person.id}`).toBe(offered);
    }
    // Drawing the home issues no link: it is issued when the button is pressed.
    expect(await db.prisma.consoleLink.count()).toBe(0);
  });

  it('sends the link from the home button to the person’s direct conversation, in their language', async () => {
    await home('demo-host/sara');
    const homeButton = buttonOf(wiring.adapter.homes.at(-1)!.message, 'Skicka inloggningslänk');
    await say('demo-host/sara', 'language en');
    const answer = await press('demo-host/sara', homeButton);
    expect(answer).toContain('Here is your sign-in link');
    expect(wiring.adapter.sent.at(-1)!.conversation).toBe('dm:demo-host/sara');
    expect(await db.prisma.consoleLink.count()).toBe(1);
    expect(await home('demo-host/sara')).toContain('The web dashboard');
    expect(await home('demo-host/sara')).toContain('it works once, for 10 minutes');
  });
});
