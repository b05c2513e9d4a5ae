import { COMMANDS } from '../domain/commands.js';
import { can } from '../domain/roles.js';
import { actions, button, header, message, text, type Message } from '../ui/model.js';
import type { Context } from './context.js';
import { joinForm } from './join.js';

/** The commands to offer this person: allowed by their roles, and relevant to them. */
function offered(ctx: Context) {
  return COMMANDS.filter((c) => can(ctx.roles, c.capability) && !(c.visitorsOnly && ctx.person));
}

/** "hjälp – visar vad du kan göra" lines for the commands this person may use. */
export function commandLines(ctx: Context): string[] {
  return offered(ctx).map((c) => {
    const word = c.words[ctx.locale][0] as string;
    const arg = c.argumentKey ? ` ${ctx.t(`commands.args.${c.argumentKey}`)}` : '';
    return `${word}${arg} – ${ctx.t(`commands.${c.id}`)}`;
  });
}

export function commandWords(ctx: Context): string {
  return offered(ctx)
    .map((c) => c.words[ctx.locale][0])
    .join(', ');
}

export function helpMessage(ctx: Context): Message {
  const switchTo = ctx.locale === 'sv' ? 'en' : 'sv';
  if (!ctx.person) {
    return message(
      header(ctx.t('help.visitor_title')),
      text(ctx.t('help.visitor_body')),
      text(ctx.t('help.visitor_join')),
      joinForm(ctx),
      actions(button(ctx.t('help.button_language'), 'language.set', switchTo)),
    );
  }
  const roles = ctx.roles.map((r) => ctx.t(`common.roles.${r}`)).join(', ');
  return message(
    header(ctx.t('help.title', { name: ctx.person.displayName })),
    text(ctx.t('help.intro', { roles, cohort: ctx.person.cohortName })),
    text(commandLines(ctx).join('\n')),
    actions(
      button(ctx.t('help.button_status'), 'command', 'status', 'primary'),
      button(ctx.t('help.button_language'), 'language.set', switchTo),
    ),
  );
}

export async function help(ctx: Context): Promise<void> {
  await ctx.reply(helpMessage(ctx));
}

export async function unknownCommand(ctx: Context): Promise<void> {
  const answer = ctx.person
    ? ctx.t('common.unknown.member', { commands: commandWords(ctx) })
    : ctx.t('common.unknown.visitor');
  await ctx.reply(message(text(answer)));
}

export async function welcome(ctx: Context): Promise<void> {
  await ctx.reply(message(header(ctx.t('common.welcome.title')), text(ctx.t('common.welcome.body'))));
}
