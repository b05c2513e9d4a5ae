// Every neutral block, alone and together, and the contract's oversized messages, rendered
// for Teams and parsed by Microsoft's Adaptive Cards library (schema 1.5, Teams host config):
// no validation event. The cards the features build are checked in test/db/teams-cards.test.ts.
import { describe, expect, it } from 'vitest';
import { renderCard, withChoiceShown } from '../../adapters/teams/render.js';
import type { Message } from '../../src/ui/model.js';
import { actions, button, message, text } from '../../src/ui/model.js';
import { everyBlockMessage, largeMessage, manyBlocksMessage } from '../contract/messages.js';
import { adaptiveCardEvents } from '../helpers/adaptive-cards.js';

const dropDown = (actionId: string, n: number) => ({
  type: 'select' as const,
  placeholder: 'Välj modul',
  actionId,
  options: Array.from({ length: n }, (_, i) => ({ label: `Modul ${i + 1}`, value: String(i + 1) })),
});
const form = (formId: string) => ({ type: 'input' as const, formId, inputId: 'svar', label: 'Ditt svar', submitLabel: 'Skicka', cancelLabel: 'Avbryt' });
const scale = actions(...['1 Stämmer inte alls', '2 Stämmer ganska dåligt', '3 Stämmer delvis', '4 Stämmer ganska bra', '5 Stämmer helt'].map((l, i) => button(l, 'answer', String(i + 1))));

const MESSAGES: Record<string, Message> = {
  'every block type': everyBlockMessage(),
  ...Object.fromEntries(everyBlockMessage().blocks.map((block, i) => [`${block.type} alone (#${i})`, message(block)])),
  'a drop-down of many options': message(actions(dropDown('module', 12))),
  'two drop-downs and two forms with the same input': message(actions(dropDown('a', 8)), actions(dropDown('b', 8)), form('one'), form('two')),
  'choices a row each': message(text('Fråga'), scale),
  'a very large message': largeMessage(),
  'many blocks': manyBlocksMessage(),
};

describe('Teams cards, parsed by Microsoft’s Adaptive Cards library', () => {
  it('finds what it looks for (guards the guard)', () => {
    expect(adaptiveCardEvents({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }] })).toEqual([expect.stringMatching(/^UnknownElementType/)]);
    const required = { type: 'Input.ChoiceSet', id: 'x', isRequired: true, errorMessage: 'Välj', choices: [{ title: 'a', value: 'a' }] };
    expect(adaptiveCardEvents({ type: 'AdaptiveCard', version: '1.5', body: [required] })).toEqual([expect.stringMatching(/^RequiredInputsShouldHaveLabel/)]);
    const seven = { type: 'ActionSet', actions: Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Execute', title: String(i) })) };
    expect(adaptiveCardEvents({ type: 'AdaptiveCard', version: '1.5', body: [seven] })).toEqual([expect.stringMatching(/^TooManyActions/)]);
    expect(adaptiveCardEvents({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Image', url: 'https://a.example/p.png', forceLoad: true }] })).toEqual([
      expect.stringMatching(/^UnsupportedProperty.*1\.6/),
    ]);
  });

  it.each(Object.entries(MESSAGES))('draws no validation event for %s', (_name, msg) => {
    expect(adaptiveCardEvents(renderCard(msg))).toEqual([]);
  });

  it('draws none for a card after a click on a button or a drop-down', () => {
    const card = renderCard(message(text('Fråga'), scale, actions(dropDown('module', 9))));
    expect(adaptiveCardEvents(withChoiceShown(card, { actionId: 'answer', value: '4' }, '4 Stämmer ganska bra'))).toEqual([]);
    expect(adaptiveCardEvents(withChoiceShown(card, { actionId: 'module', value: '' }, 'Modul 3'))).toEqual([]);
    expect(adaptiveCardEvents(withChoiceShown(undefined, { actionId: 'module', value: '' }, 'Modul 3'))).toEqual([]);
  });
});
