// The person's home surface (Slack's App Home): who they are in the program and what is
// coming up. Later features (commitments, the maturity test) add their own section to
// HOME_SECTIONS instead of editing this file.
import { actions, button, divider, header, message, text, type Block, type Message } from '../ui/model.js';
import type { Context } from './context.js';
import { joinForm } from './join.js';
import { deadlinesSection } from './status.js';
import { can } from '../domain/roles.js';
import { teamHomeSection } from './commitments/team.js';
import { cohortProgressSection, comingRemindersSection } from './reminders/sections.js';

export type HomeSection = (ctx: Context) => Promise<Block[]>;

export const HOME_SECTIONS: HomeSection[] = [deadlinesSection, comingRemindersSection, teamHomeSection, facilitatorSection];

/** Facilitators see their cohort's progress on their home surface too. */
async function facilitatorSection(ctx: Context): Promise<Block[]> {
  if (!can(ctx.roles, 'view_cohort')) return [];
  return [text(ctx.t('reminders.progress.title', { cohort: ctx.person?.cohortName ?? '' })), ...(await cohortProgressSection(ctx))];
}

export async function homeMessage(ctx: Context): Promise<Message> {
  const person = ctx.person;
  const switchTo = ctx.locale === 'sv' ? 'en' : 'sv';
  if (!person) {
    return message(
      header(ctx.t('help.visitor_title')),
      text(ctx.t('help.visitor_body')),
      joinForm(ctx),
      actions(button(ctx.t('help.button_language'), 'language.set', switchTo)),
    );
  }
  const sections = await Promise.all(HOME_SECTIONS.map((section) => section(ctx)));
  return message(
    header(ctx.t('home.title', { cohort: person.cohortName })),
    text(ctx.t('home.greeting', { name: person.displayName })),
    ...sections.flatMap((blocks) => (blocks.length > 0 ? [divider(), ...blocks] : [])),
    divider(),
    actions(button(ctx.t('home.button_help'), 'command', 'help'), button(ctx.t('help.button_language'), 'language.set', switchTo)),
    text(ctx.t('home.footer'), 'muted'),
  );
}

/** Draws the home surface where the platform has one; elsewhere there is nothing to do. */
export async function refreshHome(ctx: Context): Promise<void> {
  const adapter = ctx.services.adapters.get(ctx.event.actor.platform);
  if (!adapter?.publishHome) return;
  await adapter.publishHome(ctx.event.actor.userId, await homeMessage(ctx));
}
