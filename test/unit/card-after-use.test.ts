// A card after it was used: the used controls become what was chosen, and the rest of its
// controls close with them — except an item's own controls in a list, which close alone.
import { describe, expect, it } from 'vitest';
import { withChoiceShown } from '../../src/ui/choice.js';
import { actions, button, itemActions, message, text } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';

const question = message(
  text('Fråga 1 av 30'),
  actions(button('1 Stämmer inte alls', 'maturity.answer', 'a|0|1'), button('4 Stämmer ganska bra', 'maturity.answer', 'a|0|4')),
  actions(button('Hoppa över', 'maturity.skip', 'a|0|'), button('Pausa', 'maturity.pause', 'a|0|')),
  text('Du kan också skriva 1–5.', 'muted'),
);

const form = { type: 'input' as const, formId: 'commitment.reason:c1', inputId: 'reason', label: 'Varför?', submitLabel: 'Spara', cancelLabel: 'Avbryt' };

describe('a used card', () => {
  it('shows the chosen answer where the clicked controls were, and no other control is left', () => {
    const shown = withChoiceShown(question, { actionId: 'maturity.answer', value: 'a|0|4' });
    expect(shown.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(toPlainText(shown)).toBe('Fråga 1 av 30\n✓ 4 Stämmer ganska bra\nDu kan också skriva 1–5.');
  });

  it('shows a sent form as the words sent, and closes the card’s buttons with it', () => {
    const card = message(text('Ditt beslut'), actions(button('Ta tillbaka', 'commitment.withdraw', 'c1')), form);
    expect(toPlainText(withChoiceShown(card, { formId: 'commitment.reason:c1' }, '”För många möten”'))).toBe('Ditt beslut\n✓ ”För många möten”');
  });

  it('closes only an item’s own controls in a list, and the whole card for the list’s other controls', () => {
    const status = message(
      text('• Läs boken'),
      itemActions(button('Klar', 'reminder.done', 'p1')),
      text('• Gör testet'),
      itemActions(button('Klar', 'reminder.done', 'p2')),
      actions(button('Visa alla 7', 'command', 'done')),
    );
    expect(toPlainText(withChoiceShown(status, { actionId: 'reminder.done', value: 'p1' }))).toBe('• Läs boken\n✓ Klar\n• Gör testet\n[Klar]\n[Visa alla 7]');
    expect(toPlainText(withChoiceShown(status, { actionId: 'command', value: 'done' }))).toBe('• Läs boken\n• Gör testet\n✓ Visa alla 7');
  });

  it('is left as it was when the used control is not on it', () => {
    expect(withChoiceShown(question, { actionId: 'maturity.answer', value: 'other|0|4' })).toBe(question);
    expect(withChoiceShown(question, { formId: 'commitment.reason:c1' }, '”x”')).toBe(question);
  });
});
