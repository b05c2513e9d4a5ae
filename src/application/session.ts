// Who is acting, in which language, at which moment. One session type for every surface:
// a chat turn, a web request, a CLI command and a message the outbox composes for its
// recipient all build one, so a use case never needs to know where it was called from.
import type { Person } from '../domain/ports.js';
import type { Role } from '../domain/roles.js';
import type { Locale, Params, Translator } from '../i18n/i18n.js';

/** The program's zone when a person has none (the default program's). */
export const DEFAULT_ZONE = 'Europe/Stockholm';

export interface Session {
  /** Undefined for a visitor: someone not (yet) in any cohort. */
  readonly person: Person | undefined;
  readonly roles: readonly Role[];
  readonly locale: Locale;
  /** The IANA zone times are shown in: the person's program's. */
  readonly zone: string;
  readonly now: Date;
  readonly translator: Translator;
  t(key: string, params?: Params): string;
}

export function createSession(input: { person: Person | undefined; locale: Locale; now: Date; translator: Translator }): Session {
  const { person, locale, now, translator } = input;
  return {
    person,
    roles: person?.roles ?? [],
    locale,
    zone: person?.timezone ?? DEFAULT_ZONE,
    now,
    translator,
    t: (key, params) => translator.t(locale, key, params),
  };
}

/**
 * The one rule for the language of everything a member receives — answers, reminders,
 * reports: their own choice, else the language their chat app is set to, else their program's.
 */
export const localeOf = (person: Pick<Person, 'locale' | 'platformLocale' | 'programLocale'>): Locale => person.locale ?? person.platformLocale ?? person.programLocale;

/** A person's session in their own language (see localeOf): for messages kohort starts itself. */
export function sessionFor(person: Person, translator: Translator, now: Date): Session {
  return createSession({ person, locale: localeOf(person), now, translator });
}

/** The same session, speaking another language (right after someone switched). */
export function inLocale(session: Session, locale: Locale): Session {
  return createSession({ person: session.person, locale, now: session.now, translator: session.translator });
}

/**
 * The acting member. Use cases behind a member-only capability call this: authorisation
 * has already refused visitors, so a missing person here is a programming error.
 */
export function memberOf(session: Session): Person {
  if (!session.person) throw new Error('a member-only use case ran without a member');
  return session.person;
}
