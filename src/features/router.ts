// Turns a neutral event into one use case: resolve the person, refresh the stored
// conversation reference, choose the language, authorise, run. Authorisation happens
// here and only here, so no use case can be reached around it.
import type { InboundEvent } from '../core/events.js';
import { COMMANDS, parseCommand, type CommandId, type ParsedCommand } from '../domain/commands.js';
import { authorize, NotAuthorisedError, rolesFor, type Capability } from '../domain/roles.js';
import { DEFAULT_LOCALE, localeFromPlatform, type Locale } from '../i18n/i18n.js';
import { message, text, type Message } from '../ui/model.js';
import type { Context, Services } from './context.js';
import { help, unknownCommand, welcome } from './help.js';
import { join } from './join.js';
import { language, setLanguage } from './language.js';
import { status } from './status.js';

/** Longer typed messages are refused before any parsing (platforms allow far more). */
export const MAX_INBOUND_TEXT = 4000;

const COMMAND_HANDLERS: Record<CommandId, (ctx: Context, args: string) => Promise<void>> = {
  help: (ctx) => help(ctx),
  status: (ctx) => status(ctx),
  language,
  join,
};

/** Buttons and selects: actionId → capability and handler. */
const ACTION_HANDLERS: Record<string, { capability: Capability; run: (ctx: Context, value: string) => Promise<void> }> = {
  'language.set': { capability: 'language', run: setLanguage },
};

export function createRouter(services: Services): (event: InboundEvent) => Promise<void> {
  return async (event) => {
    if (event.type === 'unsupported') {
      services.logger.debug({ reason: event.reason }, 'unsupported event ignored');
      return;
    }
    const person = await services.people.findByIdentity(event.actor.platform, event.actor.userId);
    await services.conversations.remember(event.conversation, person?.participantId);
    const parsed = commandOf(event);
    const ctx = buildContext(services, event, person, parsed?.spokenLocale);
    try {
      await route(ctx, parsed);
    } catch (error) {
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

async function route(ctx: Context, parsed: ParsedCommand | undefined): Promise<void> {
  const { event } = ctx;
  switch (event.type) {
    case 'installed':
      return welcome(ctx);
    case 'message':
    case 'command':
      if (event.text.length > MAX_INBOUND_TEXT) {
        return ctx.reply(message(text(ctx.t('common.errors.too_long', { length: event.text.length, max: MAX_INBOUND_TEXT }))));
      }
      return parsed ? runCommand(ctx, parsed) : unknownCommand(ctx);
    case 'action': {
      if (event.actionId === 'command') return parsed ? runCommand(ctx, parsed) : oldButton(ctx);
      const action = ACTION_HANDLERS[event.actionId];
      if (!action) return oldButton(ctx);
      authorize(ctx.roles, action.capability);
      return action.run(ctx, event.value);
    }
    case 'form':
      return oldButton(ctx);
    case 'unsupported':
      return;
  }
}

async function runCommand(ctx: Context, parsed: ParsedCommand): Promise<void> {
  const definition = COMMANDS.find((c) => c.id === parsed.id);
  if (!definition) return unknownCommand(ctx);
  authorize(ctx.roles, definition.capability);
  await COMMAND_HANDLERS[parsed.id](ctx, parsed.args);
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
      await adapter.sendProactive(event.conversation, msg);
    },
  };
}
