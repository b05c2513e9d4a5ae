// The Adaptive Card renderer: every element, escaping, size limit, choice shown in place.
import { describe, expect, it } from 'vitest';
import { TEAMS_LIMITS } from '../../adapters/teams/limits.js';
import { cardLink, escapeCardMarkdown } from '../../adapters/teams/markdown.js';
import { parseActivity, stripMentions } from '../../adapters/teams/parse.js';
import { renderCard, withChoiceShown } from '../../adapters/teams/render.js';
import { actions, button, fields, header, itemActions, message, text } from '../../src/ui/model.js';

describe('Adaptive Card rendering', () => {
  it('renders the neutral model as an Adaptive Card 1.5 with Action.Execute and an Action.Submit fallback', () => {
    const card = renderCard(
      message(
        header('Rubrik'),
        text('Rad ett\nRad två'),
        { type: 'divider' },
        fields([{ label: 'Modul', value: '3' }]),
        actions(button('Ja', 'answer', 'yes', 'primary'), {
          type: 'select',
          placeholder: 'Välj',
          actionId: 'pick',
          options: Array.from({ length: 8 }, (_, i) => ({ label: `Alt ${i}`, value: `${i}` })),
        }),
        { type: 'input', formId: 'f', inputId: 'svar', label: 'Svar', submitLabel: 'Spara', cancelLabel: 'Avbryt', maxLength: 200 },
      ),
    );
    expect(card.version).toBe('1.5');
    const types = card.body.map((e) => e.type);
    expect(types).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'Input.ChoiceSet', 'ActionSet', 'ActionSet', 'Input.Text', 'ActionSet']);
    expect(card.body[1]).toMatchObject({ text: 'Rad ett\n\nRad två', wrap: true });
    expect(card.body[2]).toMatchObject({ separator: true });
    const yes = (card.body[5]!.actions as any[])[0];
    expect(yes).toMatchObject({
      type: 'Action.Execute',
      verb: 'kohort',
      style: 'positive',
      data: { kohort: 'action', actionId: 'answer', value: 'yes', label: 'Ja' },
      fallback: { type: 'Action.Submit' },
    });
    expect(card.body[6]).toMatchObject({ type: 'Input.Text', id: 'svar', maxLength: 200 });
  });

  it('escapes Markdown in text a person typed, and links only http(s)', () => {
    expect(escapeCardMarkdown('[klicka](https://evil.example) **fet** _k_')).toBe('\\[klicka\\]\\(https://evil.example\\) \\*\\*fet\\*\\* \\_k\\_');
    const card = renderCard(message(text('[x](https://evil.example)'), fields([{ label: '*a*', value: '_b_' }])));
    expect(JSON.stringify(card)).not.toContain('[x](https');
    expect(cardLink('javascript:alert(1)', 'x')).toBe('x');
    expect(cardLink('https://a.example/(p)', 'Bok')).toBe('[Bok](https://a.example/%28p%29)');
  });

  it('keeps a huge message under Teams’ size limit, saying what was left out', () => {
    const card = renderCard(message(...Array.from({ length: 200 }, (_, i) => text(`${i} ${'ord '.repeat(100)}`))));
    // Measured as Teams measures a message: UTF-16, two bytes a code unit.
    expect(JSON.stringify(card).length * 2).toBeLessThanOrEqual(TEAMS_LIMITS.cardUtf16Bytes);
    expect(JSON.stringify(card.body.at(-1))).toMatch(/… \(\+\d+\)/);
  });

  it('replaces the clicked action set with the choice, and works without the original card', () => {
    const card = renderCard(message(text('Fråga'), actions(button('Ja', 'answer', 'yes'), button('Nej', 'answer', 'no'))));
    const updated = withChoiceShown(card, { actionId: 'answer', value: 'no' }, 'Nej');
    expect(updated.body.map((e) => e.type)).toEqual(['TextBlock', 'TextBlock']);
    expect(updated.body[1]).toMatchObject({ text: '✓ Nej' });
    expect(withChoiceShown(undefined, { actionId: 'a', value: 'b' }, '*x*').body).toEqual([{ type: 'TextBlock', text: '✓ \\*x\\*', wrap: true, weight: 'Bolder' }]);
  });

  it('strips mentions and ignores activities that are not kohort’s business', () => {
    expect(stripMentions('<at>kohort</at>&nbsp;status')).toBe('status');
    const at = new Date();
    expect(parseActivity({ type: 'typing' }, at)).toMatchObject({ kind: 'ignored', reason: 'malformed activity' });
    const base = { serviceUrl: 'https://smba.example/', channelId: 'msteams', from: { id: '29:a' }, recipient: { id: '28:bot' }, conversation: { id: 'a:1' } };
    expect(parseActivity({ ...base, type: 'typing', id: '1' }, at)).toEqual({ kind: 'ignored', reason: 'activity type typing' });
    expect(parseActivity({ ...base, type: 'invoke', name: 'task/fetch', id: '2' }, at)).toEqual({ kind: 'ignored', reason: 'invoke task/fetch' });
  });
});

describe('choice shown in place of a drop-down', () => {
  it('removes the drop-down together with its confirm button, and every other control on the card', () => {
    const options = Array.from({ length: 8 }, (_, i) => ({ label: `Alt ${i}`, value: `${i}` }));
    const card = renderCard(
      message(actions({ type: 'select', placeholder: 'Välj modul', actionId: 'pick', options }), {
        type: 'input',
        formId: 'f',
        inputId: 'svar',
        label: 'Svar',
        submitLabel: 'Spara',
        cancelLabel: 'Avbryt',
      }),
    );
    const updated = withChoiceShown(card, { actionId: 'pick', value: '' }, '3');
    // The card was used: the form beside the drop-down closes with it.
    expect(updated.body.map((e) => e.type)).toEqual(['TextBlock']);
    expect(updated.body[0]).toMatchObject({ text: '✓ 3' });
    // A form sent: its input and button become the words sent, and the drop-down goes.
    const sent = withChoiceShown(card, { formId: 'f' }, '”ja”');
    expect(sent.body.map((e) => e.type)).toEqual(['TextBlock']);
    expect(sent.body[0]).toMatchObject({ text: '✓ ”ja”' });
  });

  it('closes only an item’s own controls in a list, and leaves a card without the used control as it was', () => {
    const card = renderCard(
      message(text('Läs boken'), itemActions(button('Klar', 'done', 'p1')), text('Gör testet'), itemActions(button('Klar', 'done', 'p2')), actions(button('Visa alla', 'command', 'done'))),
    );
    const updated = withChoiceShown(card, { actionId: 'done', value: 'p1' }, 'Klar');
    expect(updated.body.map((e) => e.type)).toEqual(['TextBlock', 'TextBlock', 'TextBlock', 'ActionSet', 'ActionSet']);
    expect(withChoiceShown(card, { actionId: 'done', value: 'gone' }, 'Klar')).toBe(card);
  });
});

describe('Teams chart', () => {
  it('shows the chart as a PNG image in the card, with the bars as text beside it', () => {
    const bars = Array.from({ length: 11 }, (_, i) => ({ label: `Område ${i + 1}`, value: 1 + (i % 5) * 0.9, max: 5, display: '3,5' }));
    const rendered = renderCard(message({ type: 'chart', title: 'Medelvärde per område (1–5)', bars }));
    const image = rendered.body.find((e) => e.type === 'Image') as { url: string; altText: string };
    expect(image.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(image.altText).toContain('Område 1 3,5');
    expect(JSON.stringify(rendered)).toContain('Område 11');
    // Base64 images do not count towards Teams' message size: nothing was cut.
    expect(JSON.stringify(rendered)).not.toContain('… (+');
  });
});

describe('two forms in one card', () => {
  it('name their inputs apart (ids are unique in a card) and each submit reads its own', () => {
    const form = (formId: string) => ({ type: 'input' as const, formId, inputId: 'svar', label: 'Svar', submitLabel: 'Spara', cancelLabel: 'Avbryt' });
    const card = renderCard(message(form('first'), form('second')));
    const inputs = card.body.filter((e) => e.type === 'Input.Text').map((e) => e.id);
    expect(new Set(inputs).size).toBe(2);
    const submit = (card.body.filter((e) => e.type === 'ActionSet')[1]!.actions as any[])[0];
    const base = { serviceUrl: 'https://smba.example/', channelId: 'msteams', from: { id: '29:a' }, recipient: { id: '28:bot' }, conversation: { id: 'a:1' }, id: 'f1' };
    const invoke = {
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'kohort', data: { ...submit.data, [inputs[0] as string]: 'A', [inputs[1] as string]: 'B' } } },
    };
    expect(parseActivity(invoke, new Date())).toMatchObject({ kind: 'event', event: { type: 'form', formId: 'second', values: { svar: 'B' } } });
  });
});
