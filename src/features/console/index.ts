// `panel` / `dashboard`: a sign-in link to the web console, in the person's direct
// conversation only, usable once and for ten minutes. The console itself is src/http/console.
import { defineFeature, type Section, type Turn } from '../../application/feature.js';
import { commandButton } from '../../application/interaction.js';
import type { Ports } from '../../application/ports.js';
import { answer, say, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { can } from '../../domain/roles.js';
import { actions, header, message, text } from '../../ui/model.js';

/** How long a sign-in link from chat works (once). */
export const SIGN_IN_LINK_MINUTES = 10;

type ConsolePorts = Pick<Ports, 'console' | 'links' | 'audit'>;

async function signInLink(session: Session, ports: ConsolePorts, turn: Turn): Promise<Reply> {
  const person = memberOf(session);
  // Whoever holds the link is signed in as the person: it goes to their own conversation only.
  if (turn.conversation.kind !== 'dm') return say(session, 'console.direct_only');
  const token = await ports.console.issueLink(person.participantId, session.now, new Date(session.now.getTime() + SIGN_IN_LINK_MINUTES * 60_000));
  await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'console.link_issued' });
  return answer(
    message(
      header(session.t('console.link_title')),
      text(session.t('console.link_body')),
      { type: 'links', links: [{ label: session.t('console.link_label'), url: `${ports.links.base}/console/sign-in/${token}` }] },
      text(session.t('console.link_expires', { minutes: SIGN_IN_LINK_MINUTES }), 'muted'),
    ),
  );
}

/**
 * The console on the home surface (Slack's App Home), for whoever holds `open_console`. It
 * is a button that runs the same command as typing `panel`, so the link is issued when it
 * is pressed and arrives in the person's DM. A link drawn into the home itself would be
 * issued every time the home is drawn (unused tokens piling up) and would sit in a view
 * Slack keeps and shows again later, long after its ten minutes — or after it was used.
 */
export const consoleHomeSection: Section<object> = {
  order: 5,
  render: (session) =>
    Promise.resolve(
      can(session.roles, 'open_console')
        ? [
            text(session.t('console.home_title')),
            text(session.t('console.home_body', { minutes: SIGN_IN_LINK_MINUTES })),
            actions(commandButton(session.t('console.home_button'), 'console', 'primary')),
          ]
        : [],
    ),
};

export const consoleFeature = defineFeature({
  name: 'console',
  needs: ['console', 'links', 'audit'],
  commands: [{ id: 'console', capability: 'open_console', run: (session, ports, _args, turn) => signInLink(session, ports, turn) }],
  homeSections: [consoleHomeSection],
});
