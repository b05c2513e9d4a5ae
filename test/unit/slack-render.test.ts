// The Block Kit renderer against Slack's limits: whatever the core builds, Slack must
// accept it — long content split or cut visibly, never rejected — and person-typed text
// must never turn into markup.
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS as L } from '../../adapters/slack/limits.js';
import { escapeAndSplit, escapeAndTruncate, escapeMrkdwn, mrkdwnLink, truncate } from '../../adapters/slack/mrkdwn.js';
import { decodeActionId, decodeForm, decodeFormOrigin, renderFormModal, renderHome, renderMessage, withChoiceShown } from '../../adapters/slack/render.js';
import { actions, button, fields, header, itemActions, message, text, type Block } from '../../src/ui/model.js';

/** Every limit Slack enforces on what the renderer produces, checked block by block. */
function violations(blocks: unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks`);
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  for (const raw of blocks) {
    const b = raw as Record<string, any>;
    switch (b.type) {
      case 'header':
        check(b.text.text.length <= L.headerText && b.text.text.length > 0, 'header text');
        break;
      case 'section':
        if (b.text) check(b.text.text.length <= L.sectionText && b.text.text.length > 0, `section text ${b.text.text.length}`);
        if (b.fields) {
          check(b.fields.length <= L.fieldsPerSection, 'fields count');
          for (const f of b.fields) check(f.text.length <= L.fieldText, 'field text');
        }
        if (b.accessory) check(b.accessory.value.length <= L.buttonValue && b.accessory.text.text.length <= L.buttonText, 'accessory');
        break;
      case 'context':
        check(b.elements.length <= L.contextElements, 'context elements');
        for (const e of b.elements) check(e.text.length <= L.contextText, 'context text');
        break;
      case 'actions': {
        check(b.elements.length > 0 && b.elements.length <= L.actionsElements, 'actions elements');
        const ids = b.elements.map((e: any) => e.action_id);
        check(new Set(ids).size === ids.length, 'duplicate action_id in block');
        for (const e of b.elements) {
          check(e.action_id.length <= L.actionId, 'action_id');
          if (e.type === 'button') check(e.text.text.length <= L.buttonText && e.text.text.length > 0 && e.value.length <= L.buttonValue, 'button');
          if (e.type === 'static_select') {
            check(e.options.length > 0 && e.options.length <= L.selectOptions, 'options count');
            for (const o of e.options) check(o.text.text.length <= L.optionText && o.value.length <= L.optionValue, 'option');
          }
        }
        break;
      }
      case 'image':
        check(b.alt_text.length <= L.imageAltText && b.image_url.length <= L.imageUrl, 'image');
        break;
      case 'divider':
        break;
      default:
        problems.push(`unknown block ${b.type}`);
    }
  }
  return problems;
}

const long = (n: number, word = 'ordet ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);

describe('Block Kit rendering', () => {
  it('renders every element of the neutral model, with a plain-text fallback', () => {
    const msg = message(
      header('Rubrik'),
      text('Brödtext'),
      text('Liten text', 'muted'),
      fields([{ label: 'Modul', value: '3' }]),
      { type: 'links', links: [{ label: 'Bok', url: 'https://example.org/bok' }] },
      actions(button('Ja', 'answer', 'yes', 'primary'), { type: 'select', placeholder: 'Välj', actionId: 'pick', options: [{ label: 'A', value: 'a' }], initial: 'a' }),
      { type: 'input', formId: 'f', inputId: 'i', label: 'Svar', submitLabel: 'Spara', cancelLabel: 'Avbryt' },
      { type: 'image', url: 'https://example.org/a.png', alt: 'Bild' },
      { type: 'chart', title: 'Mognad', bars: [{ label: 'Ledning', value: 3, max: 5 }] },
      { type: 'divider' },
    );
    const rendered = renderMessage(msg);
    expect(rendered.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'section', 'section', 'actions', 'section', 'image', 'section', 'divider']);
    expect(violations(rendered.blocks, L.blocksPerMessage)).toEqual([]);
    expect(rendered.text).toContain('Rubrik');
    expect(rendered.text).toContain('Brödtext');
    expect(JSON.stringify(rendered.blocks)).toContain('<https://example.org/bok|Bok>');
    expect(JSON.stringify(rendered.blocks)).toContain('███████░░░ 3/5'.slice(0, 6));
  });

  it('keeps huge content inside every limit, splitting text and cutting visibly', () => {
    const many: Block[] = [];
    many.push(header(long(400)));
    many.push(text(long(10_000)));
    many.push(text(long(5000), 'muted'));
    many.push(fields(Array.from({ length: 23 }, (_, i) => ({ label: long(300), value: `${i} ${long(3000)}` }))));
    many.push(actions(...Array.from({ length: 30 }, (_, i) => button(long(200), 'same.action', long(3000, `${i}`)))));
    many.push(actions({ type: 'select', placeholder: long(300), actionId: 'pick', options: Array.from({ length: 130 }, (_, i) => ({ label: long(100), value: `${i}${long(200)}` })) }));
    for (let i = 0; i < 80; i += 1) many.push(text(`stycke ${i}`));
    const rendered = renderMessage(message(...many));
    expect(violations(rendered.blocks, L.blocksPerMessage)).toEqual([]);
    expect(rendered.blocks).toHaveLength(L.blocksPerMessage);
    // The cut is visible: the last block says how many were left out.
    expect(JSON.stringify(rendered.blocks.at(-1))).toMatch(/… \(\+\d+\)/);
    expect(rendered.text.length).toBeLessThanOrEqual(L.fallbackText);
    // 10 000 characters of text became several sections, nothing lost before the block limit.
    const sections = rendered.blocks.filter((b) => b.type === 'section' && 'text' in b && (b as any).text.text.startsWith('ordet'));
    expect(sections.length).toBeGreaterThanOrEqual(4);
    const home = renderHome(message(...many));
    expect(violations(home.blocks, L.blocksPerView)).toEqual([]);
  });

  it('leaves out what Slack would reject: empty text, selects without options', () => {
    const rendered = renderMessage(message(header('  '), text(''), actions({ type: 'select', placeholder: 'x', actionId: 'p', options: [] }), text('kvar')));
    expect(rendered.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'kvar' } }]);
  });

  it('gives buttons that share an action unique action ids, and reads them back', () => {
    const rendered = renderMessage(message(actions(button('1', 'maturity.answer', '1'), button('2', 'maturity.answer', '2'))));
    const ids = (rendered.blocks[0] as any).elements.map((e: any) => e.action_id);
    expect(ids).toEqual(['maturity.answer#0', 'maturity.answer#1']);
    expect(ids.map(decodeActionId)).toEqual(['maturity.answer', 'maturity.answer']);
  });

  it('escapes what a person typed, everywhere it can appear', () => {
    const evil = '<!channel> <@U1> <!here> <https://x.example|y> & *fet*';
    const rendered = renderMessage(
      message(
        header(evil),
        text(evil),
        text(evil, 'muted'),
        fields([{ label: evil, value: evil }]),
        { type: 'links', links: [{ label: evil, url: 'https://ok.example' }] },
        { type: 'chart', title: evil, bars: [{ label: evil, value: 1, max: 2 }] },
      ),
    );
    const mrkdwnTexts = JSON.stringify(rendered.blocks.filter((b) => b.type !== 'header')) + rendered.text;
    expect(mrkdwnTexts).not.toMatch(/<!channel>|<@U1>|<!here>|<https:\/\/x\.example/);
    expect(mrkdwnTexts).toContain('&lt;!channel&gt;');
    // Headers are plain_text, which Slack never parses for mentions.
    expect((rendered.blocks[0] as any).text.type).toBe('plain_text');
  });

  it('only links http(s) URLs and keeps a URL from breaking out of the link', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('https://a.example/p?q=1|2>3', 'a|b')).toBe('<https://a.example/p?q=1%7C2%3E3|a¦b>');
  });

  it('never cuts inside an escape sequence or a surrogate pair', () => {
    const pieces = escapeAndSplit('&'.repeat(30), 12);
    expect(pieces.every((p) => /^(&amp;)+$/.test(p) && p.length <= 12)).toBe(true);
    expect(pieces.join('')).toBe('&amp;'.repeat(30));
    expect(escapeAndTruncate('<<<<', 10)).toBe('&lt;&lt;…');
    const emoji = truncate('😀😀😀', 4);
    expect(emoji).toBe('😀…');
    expect(escapeMrkdwn('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d');
  });

  it('turns an input into a button that carries the form, and the form into a modal', () => {
    const rendered = renderMessage(message({ type: 'input', formId: 'join', inputId: 'code', label: 'Koden', submitLabel: 'Gå med nu i kohorten idag', cancelLabel: 'Avbryt', maxLength: 64 }));
    const accessory = (rendered.blocks[0] as any).accessory;
    const spec = decodeForm(accessory.value)!;
    expect(spec).toMatchObject({ formId: 'join', inputId: 'code', label: 'Koden', maxLength: 64, cancelLabel: 'Avbryt' });
    const modal = renderFormModal(spec, { formId: 'join', inputId: 'code', channel: 'D1', kind: 'dm' });
    expect(modal.title.text.length).toBeLessThanOrEqual(L.viewTitle);
    expect(decodeFormOrigin(modal.private_metadata)).toEqual({ formId: 'join', inputId: 'code', channel: 'D1', kind: 'dm' });
    expect((modal.blocks[0] as any).element.max_length).toBe(64);
    expect(decodeForm('not json')).toBeUndefined();
    expect(decodeFormOrigin('{"formId":1}')).toBeUndefined();
  });

  it('shows a choice in place of the clicked controls, escaped, and closes every other control on the card', () => {
    const blocks = [
      { type: 'section', block_id: 'a' },
      { type: 'actions', block_id: 'b', elements: [] },
      { type: 'actions', block_id: 'c', elements: [] },
      { type: 'section', block_id: 'd', accessory: { type: 'button', action_id: 'kohort.form#0' } },
    ];
    expect(withChoiceShown(blocks, 'b', '<@U1> ja')).toEqual([
      { type: 'section', block_id: 'a' },
      { type: 'context', block_id: 'b', elements: [{ type: 'mrkdwn', text: '✓ &lt;@U1&gt; ja' }] },
    ]);
    // A form sent from its button: the section with the button is the one that shows it.
    expect(withChoiceShown(blocks, 'd', '”text”').map((b: any) => b.block_id)).toEqual(['a', 'd']);
  });

  it('closes only an item’s own controls in a list, which it renders with an item block id', () => {
    const rendered = renderMessage(
      message(text('Ett'), itemActions(button('Klar', 'reminder.done', 'p1')), text('Två'), itemActions(button('Klar', 'reminder.done', 'p2')), actions(button('Visa alla', 'command', 'done'))),
    ).blocks as { block_id?: string; type: string }[];
    const ids = rendered.map((b) => b.block_id);
    expect(ids.filter((id) => id?.startsWith('kohort-item-'))).toHaveLength(2);
    const afterFirst = withChoiceShown(rendered, ids[1]!, 'Klar') as { type: string; block_id?: string }[];
    expect(afterFirst.map((b) => b.type)).toEqual(['section', 'context', 'section', 'actions', 'actions']);
  });
});
