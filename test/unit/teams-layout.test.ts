// Choices as people see them in Teams, which never wraps a button's title: a row of
// buttons that would not fit is cut ("1 Stämm…"), so such choices get a row each, and a
// click still replaces the whole set of choices with the one chosen.
import { describe, expect, it } from 'vitest';
import { renderCard, withChoiceShown } from '../../adapters/teams/render.js';
import { actions, button, header, message, text } from '../../src/ui/model.js';

const SCALE = ['1 Stämmer inte alls', '2 Stämmer ganska dåligt', '3 Stämmer delvis', '4 Stämmer ganska bra', '5 Stämmer helt'];
const AUDIENCES = ['Alla deltagare (5, direktmeddelande)', 'Kohortens kanaler (3)', 'Grupp Omnikanal (2, direktmeddelande)', 'Avbryt'];

/** The titles of each action set, one array per row Teams draws. */
const rows = (card: ReturnType<typeof renderCard>) => card.body.filter((e) => e.type === 'ActionSet').map((set) => (set.actions as { title: string }[]).map((a) => a.title));

const question = () =>
  message(
    header('Fråga 1 av 30'),
    text('Vi har en gemensam bild av vart vi är på väg digitalt.'),
    actions(...SCALE.map((label, i) => button(label, 'maturity.answer', String(i + 1)))),
    actions(button('Hoppa över', 'maturity.skip', 's'), button('Tillbaka', 'maturity.back', 'b'), button('Pausa', 'maturity.pause', 'p')),
  );

describe('choices in Teams', () => {
  it('gives each answer of the maturity scale a row of its own, with its whole wording on the button', () => {
    expect(rows(renderCard(question()))).toEqual([...SCALE.map((label) => [label]), ['Hoppa över', 'Tillbaka', 'Pausa']]);
  });

  it('gives each broadcast audience a row of its own', () => {
    const card = renderCard(message(text('Vem ska få utskicket?'), actions(...AUDIENCES.map((label, i) => button(label, 'broadcast.audience', String(i))))));
    expect(rows(card)).toEqual(AUDIENCES.map((label) => [label]));
  });

  it('keeps short choices side by side', () => {
    expect(rows(renderCard(message(actions(button('Ja', 'a', 'yes'), button('Delvis', 'a', 'partly'), button('Nej', 'a', 'no')))))).toEqual([['Ja', 'Delvis', 'Nej']]);
  });

  it('replaces every row of the clicked choices with the choice, and closes the rest of the question', () => {
    const card = renderCard(question());
    const updated = withChoiceShown(card, { actionId: 'maturity.answer', value: '4' }, SCALE[3]!);
    // The question is answered: Skip, Back and Pause close with the scale.
    expect(updated.body.map((e) => e.type)).toEqual(['TextBlock', 'TextBlock', 'TextBlock']);
    expect(updated.body[2]).toMatchObject({ text: '✓ 4 Stämmer ganska bra' });
    expect(rows(updated)).toEqual([]);
  });
});
