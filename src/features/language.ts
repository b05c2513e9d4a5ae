import { isLocale, type Locale } from '../i18n/i18n.js';
import { actions, button, message, text } from '../ui/model.js';
import type { Context } from './context.js';
import { refreshHome } from './home.js';

const NAMES: Record<string, Locale> = {
  sv: 'sv', svenska: 'sv', swedish: 'sv',
  en: 'en', engelska: 'en', english: 'en',
};

export async function language(ctx: Context, args: string): Promise<void> {
  if (!args) {
    await ctx.reply(
      message(
        text(ctx.t('language.current')),
        actions(button('Svenska', 'language.set', 'sv'), button('English', 'language.set', 'en')),
      ),
    );
    return;
  }
  const chosen = NAMES[args.trim().toLowerCase()];
  if (!chosen) {
    await ctx.reply(message(text(ctx.t('language.unknown'))));
    return;
  }
  await setLanguage(ctx, chosen);
}

export async function setLanguage(ctx: Context, value: string): Promise<void> {
  if (!isLocale(value)) {
    await ctx.reply(message(text(ctx.t('language.unknown'))));
    return;
  }
  const { translator } = ctx.services;
  if (ctx.person) {
    await ctx.services.people.setLocale(ctx.person.participantId, value);
    await ctx.reply(message(text(translator.t(value, 'language.changed'))));
    await refreshHome({ ...ctx, locale: value, t: (key, params) => translator.t(value, key, params) });
  } else {
    await ctx.reply(
      message(text(translator.t(value, 'language.changed')), text(translator.t(value, 'language.visitor_note'))),
    );
  }
}
