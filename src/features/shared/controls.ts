// Controls more than one feature or surface draws: the language switch and the join-code
// form (help, the home surface and the visitor's answers all offer them). The features
// that handle them (language, join) import them from here, like everyone else.
import { LOCALES, type Locale } from '../../i18n/i18n.js';
import { z } from 'zod';
import { defineAction, defineForm } from '../../application/interaction.js';
import type { Session } from '../../application/session.js';
import type { Button, InputBlock } from '../../ui/model.js';

export const LANGUAGE_SET = defineAction('language.set', { locale: z.enum(LOCALES) });

export const JOIN_FORM = defineForm('join', 'code', {});

/** Switches to the other language; labelled in the current one. */
export function languageSwitch(session: Session): Button {
  const other: Locale = session.locale === 'sv' ? 'en' : 'sv';
  return LANGUAGE_SET.button(session.t('help.button_language'), { locale: other });
}

/** The join code as a form: typed into a dialog on Slack, inline in the playground. */
export function joinForm(session: Session): InputBlock {
  return JOIN_FORM.input({}, { label: session.t('join.form_label'), maxLength: 64, submitLabel: session.t('join.form_submit'), cancelLabel: session.t('common.cancel') });
}
