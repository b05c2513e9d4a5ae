// The application layer's own rules: the interaction protocol draws and parses with one
// definition, use cases are authorised at their boundary, features get only the ports
// they declare, the registry refuses two owners for one command, action or kind, and the
// feature list answers every command and composes every outbox kind.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMAND_IDS } from '../../src/application/commands.js';
import { defineFeature, onAction, type EveryKindComposed } from '../../src/application/feature.js';
import { COMMAND_ACTION, defineAction, defineForm } from '../../src/application/interaction.js';
import type { Ports } from '../../src/application/ports.js';
import { FeatureRegistry } from '../../src/application/registry.js';
import { answer } from '../../src/application/reply.js';
import { createSession } from '../../src/application/session.js';
import { perform, useCase } from '../../src/application/use-case.js';
import { OUTBOUND_KINDS } from '../../src/domain/outbox.js';
import { NotAuthorisedError } from '../../src/domain/roles.js';
import { FEATURES } from '../../src/features/index.js';
import { type helpFeature } from '../../src/features/help/index.js';
import { loadTranslator } from '../../src/i18n/i18n.js';

const translator = loadTranslator();
const visitor = createSession({ person: undefined, locale: 'sv', now: new Date(), translator });
const member = (roles: string[]) =>
  createSession({
    person: {
      participantId: 'p',
      cohortId: 'c',
      cohortName: 'K',
      programId: 'pr',
      displayName: 'Ada',
      locale: 'sv',
      platformLocale: null,
      programLocale: 'sv',
      timezone: 'Europe/Stockholm',
      roles: roles as never,
      remindersPausedUntil: null,
      privacyNoticed: true,
    },
    locale: 'sv',
    now: new Date(),
    translator,
  });
/** Ports whose every member names itself, so a test can see which ones a feature was given. */
const namedPorts = new Proxy({}, { get: (_target, name) => `port:${String(name)}` }) as unknown as Ports;

describe('the interaction protocol', () => {
  const CHECK = defineAction('check', { id: z.guid(), status: z.enum(['done', 'partly']), hours: z.coerce.number().min(0).max(40) });
  const id = '2f1b3c4d-0000-4000-8000-000000000001';

  it('draws a button whose value parses back into the same payload', () => {
    const button = CHECK.button('Klart', { id, status: 'done', hours: 2.5 }, 'primary');
    expect(button).toEqual({ type: 'button', label: 'Klart', actionId: 'check', value: `${id}|done|2.5`, style: 'primary' });
    expect(CHECK.decode(button.value)).toEqual({ id, status: 'done', hours: 2.5 });
  });

  it('keeps "|" and "%" inside a field from splitting it, and refuses forged or broken values', () => {
    const NOTE = defineAction('note', { text: z.string(), n: z.coerce.number() });
    expect(NOTE.decode(NOTE.encode({ text: 'a|b%c', n: 1 }))).toEqual({ text: 'a|b%c', n: 1 });
    expect(CHECK.decode(`${id}|someday|1`)).toBeUndefined();
    expect(CHECK.decode(`x'; DROP TABLE|done|1`)).toBeUndefined();
    expect(CHECK.decode(`${id}|done`)).toBeUndefined();
    expect(CHECK.decode(`${id}|done|1|extra`)).toBeUndefined();
    expect(CHECK.decode(`${id}|done|%E0%A4%A`)).toBeUndefined();
  });

  it('puts a form’s key into its form id and reads it back, only for that form', () => {
    const EDIT = defineForm('commitment.text', 'text', { id: z.guid() });
    const input = EDIT.input({ id }, { label: 'Ny text', submitLabel: 'Spara', cancelLabel: 'Avbryt' });
    expect(input).toMatchObject({ type: 'input', formId: `commitment.text:${id}`, inputId: 'text' });
    expect(EDIT.decode(input.formId)).toEqual({ id });
    expect(EDIT.decode(`commitment.reason:${id}`)).toBeUndefined();
    expect(defineForm('join', 'code', {}).input({}, { label: 'Kod', submitLabel: 'Gå med', cancelLabel: 'Avbryt' }).formId).toBe('join');
  });

  it('makes command buttons that name the command, never a word', () => {
    expect(COMMAND_ACTION.button('Min status', { command: 'status' })).toMatchObject({ actionId: 'command', value: 'status' });
  });
});

describe('use cases', () => {
  const progress = useCase('view_cohort', async (session, _ports: object, input: number) => `${session.person?.displayName}:${input}`);

  it('run for a session whose roles allow them', async () => {
    expect(await perform(progress, member(['facilitator']), {}, 3)).toBe('Ada:3');
  });

  it('refuse at their own boundary, whoever calls them', async () => {
    await expect(perform(progress, member(['participant']), {}, 3)).rejects.toBeInstanceOf(NotAuthorisedError);
    await expect(perform(progress, visitor, {}, 3)).rejects.toMatchObject({ capability: 'view_cohort' });
  });
});

describe('the feature registry', () => {
  const PING = defineAction('ping', {});
  const feature = (name: string) =>
    defineFeature({
      name,
      needs: ['audit', 'outbox'],
      actions: [onAction(PING, 'help', async (_session, ports: Pick<Ports, 'audit' | 'outbox'>) => answer({ blocks: [{ type: 'text', text: Object.keys(ports).join(',') }] }))],
    });

  it('gives a feature only the ports it declared', async () => {
    const registry = new FeatureRegistry([feature('one')], namedPorts);
    const bound = registry.action('ping')!;
    expect(Object.keys(bound.ports as object).sort()).toEqual(['audit', 'outbox']);
    expect((bound.ports as Record<string, unknown>).people).toBeUndefined();
    const reply = await bound.entry.handle(visitor, bound.ports, '', {
      eventId: 'e',
      actor: { platform: 'local', userId: 'u' },
      conversation: { platform: 'local', key: 'k', kind: 'dm', reference: {} },
    });
    expect(reply.messages[0]!.blocks[0]).toEqual({ type: 'text', text: 'audit,outbox' });
  });

  it('runs a chat entry only for a session whose roles allow it', async () => {
    const guarded = defineFeature({ name: 'guarded', needs: [], actions: [onAction(PING, 'broadcast', async () => answer())] });
    const registry = new FeatureRegistry([guarded], namedPorts);
    const turn = { eventId: 'e', actor: { platform: 'local' as const, userId: 'u' }, conversation: { platform: 'local' as const, key: 'k', kind: 'dm' as const, reference: {} } };
    await expect(registry.runAction('ping', member(['participant']), '', turn)).rejects.toBeInstanceOf(NotAuthorisedError);
    await expect(registry.runAction('ping', member(['facilitator']), '', turn)).resolves.toEqual({ messages: [] });
    await expect(registry.runAction('pong', member(['facilitator']), '', turn)).resolves.toBeUndefined();
  });

  it('makes an entry that uses a port its feature did not declare a compile error', () => {
    const usesPeople = onAction(PING, 'help', async (_session, ports: Pick<Ports, 'people'>) => answer({ blocks: [{ type: 'text', text: typeof ports.people }] }));
    const declared = defineFeature({ name: 'declared', needs: ['people'], actions: [usesPeople] });
    // @ts-expect-error the feature declares only the catalogue, and its action asks for people: tsc (run by npm test) refuses it.
    const undeclared = defineFeature({ name: 'undeclared', needs: ['catalog'], actions: [usesPeople] });
    expect([declared.name, undeclared.name]).toEqual(['declared', 'undeclared']);
  });

  it('refuses two features that claim the same action', () => {
    expect(() => new FeatureRegistry([feature('one'), feature('two')], namedPorts)).toThrow('two features claim the action ping');
  });

  it('holds one command for every command id and one composer for every outbox kind', () => {
    const registry = new FeatureRegistry(FEATURES, namedPorts);
    expect(COMMAND_IDS.filter((id) => !registry.command(id))).toEqual([]);
    expect(OUTBOUND_KINDS.filter((kind) => !registry.composer(kind))).toEqual([]);
  });

  it('offers a visitor only what a visitor may do, in the catalogue’s order', () => {
    const registry = new FeatureRegistry(FEATURES, namedPorts);
    expect(registry.offeredCommands(visitor).map((c) => c.id)).toEqual(['help', 'language', 'join']);
    expect(registry.offeredCommands(member(['participant'])).map((c) => c.id)).toEqual(['help', 'status', 'done', 'language', 'pause', 'maturity', 'stop_doing', 'privacy', 'my_data', 'forget_me']);
  });

  it('makes a feature list that leaves a kind without a composer a compile error', () => {
    const complete: EveryKindComposed<(typeof FEATURES)[number]> = true;
    expect(complete).toBe(true);
    // @ts-expect-error help composes nothing: every kind is missing, and tsc (run by npm test) says so.
    const incomplete: EveryKindComposed<typeof helpFeature> = true;
    expect(incomplete).toBe(true);
  });
});
