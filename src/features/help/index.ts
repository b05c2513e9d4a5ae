// `hjälp` / `help`: what this person can do, generated from the commands their roles allow
// (so help never lists a command that does not exist or that they may not use); a visitor
// learns how to join. Whoever may open the web console is told what it gives and gets a
// button for the sign-in link (by the capability, so a role that gains it is offered it too).
import { commandButton } from '../../application/interaction.js';
import { defineFeature } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { answer, type Reply } from '../../application/reply.js';
import type { Session } from '../../application/session.js';
import { can } from '../../domain/roles.js';
import { actions, header, message, text, type Block, type Button } from '../../ui/model.js';
import { joinForm, languageSwitch } from '../shared/controls.js';

type HelpPorts = Pick<Ports, 'catalog'>;

/** "hjälp – visar vad du kan göra" for each command this person may use. */
function commandLines(session: Session, ports: HelpPorts): string[] {
  return ports.catalog.offeredCommands(session).map((c) => {
    const word = session.translator.words(session.locale, `commands.words.${c.id}`)[0] ?? c.id;
    const arg = c.argumentKey ? ` ${session.t(`commands.args.${c.argumentKey}`)}` : '';
    return `${word}${arg} – ${session.t(`commands.${c.id}`)}`;
  });
}

/** The web console in a sentence, and the button that sends the link (the same command as typing it). */
function consoleOffer(session: Session): { blocks: Block[]; button?: Button } {
  if (!can(session.roles, 'open_console')) return { blocks: [] };
  const word = session.translator.words(session.locale, 'commands.words.console')[0] ?? 'panel';
  return { blocks: [text(session.t('help.console', { word }))], button: commandButton(session.t('help.button_console'), 'console') };
}

async function help(session: Session, ports: HelpPorts): Promise<Reply> {
  if (!session.person) {
    return answer(message(header(session.t('help.visitor_title')), text(session.t('help.visitor_body')), text(session.t('help.visitor_join')), joinForm(session), actions(languageSwitch(session))));
  }
  const roles = session.roles.map((r) => session.t(`common.roles.${r}`)).join(', ');
  const offer = consoleOffer(session);
  return answer(
    message(
      header(session.t('help.title', { name: session.person.displayName })),
      text(session.t('help.intro', { roles, cohort: session.person.cohortName })),
      text(commandLines(session, ports).join('\n')),
      ...offer.blocks,
      actions(commandButton(session.t('help.button_status'), 'status', 'primary'), ...(offer.button ? [offer.button] : []), languageSwitch(session)),
    ),
  );
}

export const helpFeature = defineFeature({
  name: 'help',
  needs: ['catalog'],
  commands: [{ id: 'help', capability: 'help', run: (session, ports) => help(session, ports) }],
});
