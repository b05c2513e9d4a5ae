// `språk en` / `language sv` (or the button): the person's language, remembered. A
// visitor's choice is kept with their conversation, and becomes theirs when they join.
import { defineFeature, onAction, type Turn } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { answer, say, type Reply } from '../../application/reply.js';
import { inLocale, type Session } from '../../application/session.js';
import { LOCALES, type Locale } from '../../i18n/i18n.js';
import { actions, message, text } from '../../ui/model.js';
import { LANGUAGE_SET } from '../shared/controls.js';

type LanguagePorts = Pick<Ports, 'people' | 'conversations'>;

function ask(session: Session): Reply {
  const options = LOCALES.map((locale) => LANGUAGE_SET.button(session.t(`language.option_${locale}`), { locale }));
  return answer(message(text(session.t('language.current')), actions(...options)));
}

/** The language a typed name means ("svenska", "en"), in either language. */
function localeNamed(session: Session, typed: string): Locale | undefined {
  const wanted = typed.trim().toLowerCase();
  return LOCALES.find((locale) => LOCALES.some((speaker) => session.translator.words(speaker, `language.words.${locale}`).includes(wanted)));
}

async function setLanguage(session: Session, ports: LanguagePorts, locale: Locale, turn: Turn): Promise<Reply> {
  const chosen = inLocale(session, locale);
  if (!session.person) {
    await ports.conversations.chooseLocale(turn.conversation, locale);
    return answer(message(text(chosen.t('language.changed')), text(chosen.t('language.visitor_note'))));
  }
  await ports.people.setLocale(session.person.participantId, locale);
  return { ...say(chosen, 'language.changed'), refreshHome: true };
}

export const languageFeature = defineFeature({
  name: 'language',
  needs: ['people', 'conversations'],
  commands: [
    {
      id: 'language',
      capability: 'language',
      argumentKey: 'language',
      async run(session, ports, args, turn) {
        if (!args.trim()) return ask(session);
        const locale = localeNamed(session, args);
        return locale ? setLanguage(session, ports, locale, turn) : say(session, 'language.unknown');
      },
    },
  ],
  actions: [onAction(LANGUAGE_SET, 'language', (session, ports: LanguagePorts, { locale }, turn) => setLanguage(session, ports, locale, turn))],
});
