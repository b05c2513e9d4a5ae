// Turns a neutral event into one use case: resolve the person, refresh the stored
// conversation reference, choose the language, authorise, run. Authorisation happens
// here and only here, so no use case can be reached around it.
import { DeliveryError } from '../core/errors.js';
import type { Actor, InboundEvent } from '../core/events.js';
import type { Person } from '../domain/ports.js';
import { COMMANDS, parseCommand, type CommandId, type ParsedCommand } from '../domain/commands.js';
import { authorize, can, NotAuthorisedError, rolesFor, type Capability } from '../domain/roles.js';
import { DEFAULT_LOCALE, localeFromPlatform, type Locale } from '../i18n/i18n.js';
import { message, text, type Message } from '../ui/model.js';
import type { Context, Services } from './context.js';
import { help, unknownCommand, welcome } from './help.js';
import { refreshHome } from './home.js';
import { join } from './join.js';
import { language, setLanguage } from './language.js';
import { details, markDone, snooze, undoDone } from './reminders/actions.js';
import { ACTIONS as REMINDER_ACTIONS } from './reminders/messages.js';
import { MATURITY_ACTIONS, MATURITY_TEXT_FORM } from './maturity/cards.js';
import { COMMITMENT_ACTIONS, COMMITMENT_FORMS } from './commitments/cards.js';
import { editText, fromForm, fromSuggestion, saveReason, saveText, setScope, setVisibility, stopDoing, withdraw } from './commitments/capture.js';
import { checkIn, hours, note } from './commitments/check-in.js';
import { exportCommitments, rollup } from './commitments/rollup.js';
import { myTeam, nudge } from './commitments/team.js';
import { cohortView } from './maturity/cohort-view.js';
import { exportMaturity } from './maturity/export.js';
import { maturityButton, maturityText, maturityTyped, startTest } from './maturity/flow.js';
import { pause } from './reminders/pause.js';
import { answerReflection, quoteChoice, REFLECTION_ACTIONS, REFLECTION_FORM, skipReflection } from './reflections/reflect.js';
import { progress } from './reminders/progress.js';
import { status } from './status.js';
import { summarize } from './summaries/summarize.js';
import { BROADCAST_ACTIONS, BROADCAST_FORM, broadcast, cancelBroadcast, chooseAudience, confirmBroadcast, fromForm as broadcastFromForm, pickModule, writeOwn } from './broadcasts/flow.js';

/** Longer typed messages are refused before any parsing (platforms allow far more). */
export const MAX_INBOUND_TEXT = 4000;

const COMMAND_HANDLERS: Record<CommandId, (ctx: Context, args: string) => Promise<void>> = {
  help: (ctx) => help(ctx),
  status: (ctx) => status(ctx),
  language,
  join,
  pause,
  progress: (ctx) => progress(ctx),
  maturity: (ctx) => startTest(ctx),
  maturity_results: (ctx) => cohortView(ctx),
  maturity_export: (ctx) => exportMaturity(ctx),
  stop_doing: stopDoing,
  team: (ctx) => myTeam(ctx),
  commitments: (ctx) => rollup(ctx),
  commitments_export: (ctx) => exportCommitments(ctx),
  summarize,
  broadcast,
};

/** Buttons and selects: actionId → capability and handler. */
const ACTION_HANDLERS: Record<string, { capability: Capability; run: (ctx: Context, value: string) => Promise<void> }> = {
  'language.set': { capability: 'language', run: setLanguage },
  [REMINDER_ACTIONS.done]: { capability: 'mark_done', run: markDone },
  [REMINDER_ACTIONS.undo]: { capability: 'mark_done', run: undoDone },
  [REMINDER_ACTIONS.snooze]: { capability: 'mark_done', run: snooze },
  [REMINDER_ACTIONS.details]: { capability: 'mark_done', run: details },
  [COMMITMENT_ACTIONS.suggestion]: { capability: 'stop_doing', run: fromSuggestion },
  [COMMITMENT_ACTIONS.scope]: { capability: 'stop_doing', run: setScope },
  [COMMITMENT_ACTIONS.visibility]: { capability: 'stop_doing', run: setVisibility },
  [COMMITMENT_ACTIONS.edit]: { capability: 'stop_doing', run: editText },
  [COMMITMENT_ACTIONS.withdraw]: { capability: 'stop_doing', run: withdraw },
  [COMMITMENT_ACTIONS.checkIn]: { capability: 'stop_doing', run: checkIn },
  [COMMITMENT_ACTIONS.hours]: { capability: 'stop_doing', run: hours },
  [COMMITMENT_ACTIONS.nudge]: { capability: 'nudge_team', run: nudge },
  [BROADCAST_ACTIONS.module]: { capability: 'broadcast', run: pickModule },
  [BROADCAST_ACTIONS.write]: { capability: 'broadcast', run: (ctx) => writeOwn(ctx) },
  [BROADCAST_ACTIONS.audience]: { capability: 'broadcast', run: chooseAudience },
  [BROADCAST_ACTIONS.confirm]: { capability: 'broadcast', run: confirmBroadcast },
  [BROADCAST_ACTIONS.cancel]: { capability: 'broadcast', run: cancelBroadcast },
  [REFLECTION_ACTIONS.skip]: { capability: 'mark_done', run: skipReflection },
  [REFLECTION_ACTIONS.quote]: { capability: 'mark_done', run: quoteChoice },
  ...Object.fromEntries(
    (Object.keys(MATURITY_ACTIONS) as (keyof typeof MATURITY_ACTIONS)[]).map((kind) => [
      MATURITY_ACTIONS[kind],
      { capability: 'maturity_test' as const, run: (ctx: Context, value: string) => maturityButton(ctx, kind, value) },
    ]),
  ),
};

/** Submitted forms: formId → capability and handler. */
/** Submitted forms: formId → capability and handler; "<form>:<id>" passes the id (e.g. the commitment edited). */
const FORM_HANDLERS: Record<string, { capability: Capability; run: (ctx: Context, values: Record<string, string>, id: string) => Promise<void> }> = {
  join: { capability: 'join', run: (ctx, values) => join(ctx, (values.code ?? '').trim()) },
  [MATURITY_TEXT_FORM]: { capability: 'maturity_test', run: maturityText },
  [COMMITMENT_FORMS.create]: { capability: 'stop_doing', run: fromForm },
  [COMMITMENT_FORMS.text]: { capability: 'stop_doing', run: saveText },
  [COMMITMENT_FORMS.reason]: { capability: 'stop_doing', run: saveReason },
  [COMMITMENT_FORMS.note]: { capability: 'stop_doing', run: note },
  [REFLECTION_FORM]: { capability: 'mark_done', run: answerReflection },
  [BROADCAST_FORM]: { capability: 'broadcast', run: broadcastFromForm },
};

export function createRouter(services: Services): (event: InboundEvent) => Promise<void> {
  return async (event) => {
    if (event.type === 'unsupported') {
      services.logger.debug({ reason: event.reason }, 'unsupported event ignored');
      return;
    }
    if (event.type === 'uninstalled') {
      await services.conversations.forget(event.conversation);
      await services.audit.record({ at: services.clock.now(), action: 'conversation.removed', subject: event.conversation.key, detail: { platform: event.conversation.platform } });
      return;
    }
    const person = await resolvePerson(services, event.actor);
    // A conversation kohort cannot post to on its own is answered but not remembered.
    const isNewConversation = event.conversation.proactive === false ? false : await services.conversations.remember(event.conversation, person?.participantId);
    const parsed = commandOf(event);
    const ctx = buildContext(services, event, person, parsed?.spokenLocale);
    try {
      await route(ctx, parsed, isNewConversation);
    } catch (error) {
      if (error instanceof DeliveryError) {
        // The platform refused the answer (bot not in the channel, account gone…): there is
        // no way to tell the person there, so it is recorded for the facilitators instead.
        await recordDeliveryFailure(ctx, error);
        return;
      }
      if (error instanceof NotAuthorisedError) {
        const role = rolesFor(error.capability)[0] ?? 'participant';
        await ctx.reply(message(text(ctx.t('common.errors.not_allowed', { role: ctx.t(`common.roles.${role}`) }))));
        return;
      }
      await ctx.reply(message(text(ctx.t('common.errors.internal')))).catch(() => undefined);
      throw error;
    }
  };
}

function commandOf(event: InboundEvent): ParsedCommand | undefined {
  if (event.type === 'message' || event.type === 'command') return parseCommand(event.text);
  if (event.type === 'action' && event.actionId === 'command') return parseCommand(event.value);
  return undefined;
}

async function route(ctx: Context, parsed: ParsedCommand | undefined, isNewConversation: boolean): Promise<void> {
  const { event } = ctx;
  switch (event.type) {
    case 'installed':
      // Opening the bot's conversation again is not news: greet only the first time.
      return isNewConversation ? welcome(ctx) : undefined;
    case 'home_opened':
      return refreshHome(ctx);
    case 'message':
    case 'command':
      if (event.text.length > MAX_INBOUND_TEXT) {
        return ctx.reply(message(text(ctx.t('common.errors.too_long', { length: event.text.length, max: MAX_INBOUND_TEXT }))));
      }
      // A bare slash command (`/kohort`) asks for help, in the person's own language.
      if (event.type === 'command' && event.text === '') return runCommand(ctx, { id: 'help', args: '', spokenLocale: ctx.locale });
      // In the middle of the maturity test, "4", "hoppa över" or a free-text answer is an answer.
      if (can(ctx.roles, 'maturity_test') && (await maturityTyped(ctx, event.text, parsed !== undefined))) return;
      return parsed ? runCommand(ctx, parsed) : unknownCommand(ctx);
    case 'action': {
      if (event.actionId === 'command') {
        if (!parsed) return oldButton(ctx);
        return runCommand(ctx, parsed, () => confirmChoice(ctx));
      }
      const action = ACTION_HANDLERS[event.actionId];
      if (!action) return oldButton(ctx);
      authorize(ctx.roles, action.capability);
      await confirmChoice(ctx);
      return action.run(ctx, event.value);
    }
    case 'form': {
      const [formKey = '', id = ''] = event.formId.split(':');
      const form = FORM_HANDLERS[formKey];
      if (!form) return oldButton(ctx);
      authorize(ctx.roles, form.capability);
      return form.run(ctx, event.values, id);
    }
    case 'unsupported':
    case 'uninstalled':
      return;
  }
}

async function runCommand(ctx: Context, parsed: ParsedCommand, beforeRun?: () => Promise<void>): Promise<void> {
  const definition = COMMANDS.find((c) => c.id === parsed.id);
  if (!definition) return unknownCommand(ctx);
  authorize(ctx.roles, definition.capability);
  await beforeRun?.();
  await COMMAND_HANDLERS[parsed.id](ctx, parsed.args);
}

/**
 * An allowed click replaces the clicked controls with the chosen answer (where the
 * platform can), before the answer itself is sent. A message that can no longer be
 * edited does not stop the action.
 */
async function confirmChoice(ctx: Context): Promise<void> {
  if (ctx.event.type !== 'action') return;
  const adapter = ctx.services.adapters.get(ctx.event.conversation.platform);
  try {
    await adapter?.confirmChoice?.(ctx.event);
  } catch (error) {
    ctx.services.logger.debug({ reason: error instanceof DeliveryError ? error.reason : 'unknown' }, 'clicked message not updated');
  }
}

/** The person behind a platform user: by identity, or by the e-mail the program lists. */
async function resolvePerson(services: Services, actor: Actor): Promise<Person | undefined> {
  const known = await services.people.findByIdentity(actor.platform, actor.userId);
  if (known || !actor.email) return known;
  const linked = await services.people.linkByEmail({ platform: actor.platform, userId: actor.userId, tenantId: actor.tenantId }, actor.email);
  if (linked) {
    await services.audit.record({ at: services.clock.now(), actorId: linked.participantId, action: 'identity.linked', detail: { platform: actor.platform, by: 'email' } });
  }
  return linked;
}

async function recordDeliveryFailure(ctx: Context, error: DeliveryError): Promise<void> {
  const { platform, key } = ctx.event.conversation;
  ctx.services.logger.warn({ platform, reason: error.reason, permanent: error.permanent }, 'answer not delivered');
  await ctx.services.audit.record({
    at: ctx.now,
    actorId: ctx.person?.participantId,
    action: 'delivery.failed',
    subject: key,
    detail: { platform, reason: error.reason, permanent: error.permanent },
  });
}


function oldButton(ctx: Context): Promise<void> {
  return ctx.reply(message(text(ctx.t('common.errors.old_button'))));
}

function buildContext(services: Services, event: InboundEvent, person: Context['person'], spoken: Locale | undefined): Context {
  // A member's stored choice wins; a visitor is answered in the language they typed in.
  const locale: Locale =
    person?.locale ?? (person ? undefined : spoken) ?? localeFromPlatform(event.actor.locale) ?? person?.programLocale ?? DEFAULT_LOCALE;
  const adapter = services.adapters.get(event.conversation.platform);
  return {
    event,
    person,
    roles: person?.roles ?? [],
    locale,
    now: services.clock.now(),
    services,
    t: (key, params) => services.translator.t(locale, key, params),
    async reply(msg: Message) {
      if (!adapter) throw new Error(`no adapter for ${event.conversation.platform}`);
      if (event.answerPrivately && adapter.sendEphemeral) {
        await adapter.sendEphemeral(event.conversation, event.actor.userId, msg);
        return;
      }
      await adapter.sendProactive(event.conversation, msg);
    },
  };
}
