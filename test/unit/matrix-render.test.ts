// Matrix rendering and reading, without a homeserver: what a person typed never becomes
// markup or a mention, the size limit holds with the header first, edits and threads carry
// the relations the spec defines, and room events become the neutral events they stand for.
import { describe, expect, it } from 'vitest';
import { parseRoomEvent, withoutReplyFallback, type RoomEvent, type RoomView } from '../../adapters/matrix/parse.js';
import { contentBytes, inThread, renderEdit, renderText } from '../../adapters/matrix/render.js';
import { previewView } from '../../src/http/console/previews.js';
import { fields, header, message, text } from '../../src/ui/model.js';
import { matrixViolations } from '../contract/harness/matrix.js';

const TYPED = '<b>fet</b> <a href="https://evil.example">klicka</a> @room <img src=x onerror=alert(1)> & "citat"';

describe('rendering for Matrix', () => {
  it('escapes every piece of text into the HTML body and keeps the plain body as typed', () => {
    const content = renderText(message(header(TYPED), text(TYPED), fields([{ label: TYPED, value: TYPED }])));
    expect(content.formatted_body).not.toMatch(/<(b|a|img)[\s>]/);
    expect(content.formatted_body).toContain('&lt;b&gt;fet&lt;/b&gt;');
    expect(content.formatted_body).toContain('&quot;citat&quot;');
    expect(content.body).toContain(TYPED);
    expect(content['m.mentions']).toEqual({});
    expect(matrixViolations(content as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('makes links only of http(s) addresses kohort itself puts in a links block', () => {
    const content = renderText(
      message({
        type: 'links',
        links: [
          { label: 'Programmet', url: 'https://example.org/p?a=1&b="2"' },
          { label: 'Skript', url: 'javascript:alert(1)' },
        ],
      }),
    );
    expect(content.formatted_body).toContain('<a href="https://example.org/p?a=1&amp;b=&quot;2&quot;">Programmet</a>');
    expect(content.formatted_body).not.toContain('href="javascript');
  });

  it('cuts a message past the size limit visibly, the header first, within the limit', () => {
    const huge = message(header('Rubriken'), ...Array.from({ length: 40 }, (_, i) => text(`Stycke ${i} ${'å'.repeat(3000)}`)));
    const content = renderText(huge, 20_000);
    expect(contentBytes(content)).toBeLessThanOrEqual(20_000);
    expect(content.body.startsWith('Rubriken')).toBe(true);
    expect(content.body.endsWith('…')).toBe(true);
  });

  it('edits with m.replace, the new content whole and the fallback marked with an asterisk', () => {
    const edit = renderEdit('$original:example.org', message(text('Nytt')));
    expect(edit['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: '$original:example.org' });
    expect(edit['m.new_content']).toMatchObject({ msgtype: 'm.text', body: 'Nytt', 'm.mentions': {} });
    expect(edit.body).toBe('* Nytt');
  });

  it('puts a reply in a thread with the reply fallback for clients without threads', () => {
    expect(inThread(renderText(message(text('Svar'))), '$root:example.org')['m.relates_to']).toEqual({
      rel_type: 'm.thread',
      event_id: '$root:example.org',
      is_falling_back: true,
      'm.in_reply_to': { event_id: '$root:example.org' },
    });
  });
});

describe('reading Matrix room events', () => {
  const bot = { id: '@kohort:example.org', name: 'kohort' };
  const at = new Date('2026-11-27T08:00:00Z');
  // The spec's m.room.message example, in a room of two.
  const spec = (body: string, extra: Record<string, unknown> = {}): RoomEvent => ({
    type: 'm.room.message',
    event_id: '$143273582443PhrSn:example.org',
    sender: '@example:example.org',
    room_id: '!jEsUZKDJdhlrceRyVU:example.org',
    origin_server_ts: 1432735824653,
    content: { msgtype: 'm.text', body, ...extra },
  });
  const dm: RoomView = { roomId: '!jEsUZKDJdhlrceRyVU:example.org', direct: true, encrypted: false };
  const shared: RoomView = { ...dm, direct: false };

  it('a message in a direct room is the person’s message, in a dm conversation that remembers them', () => {
    const parsed = parseRoomEvent(spec('status'), dm, bot, at);
    expect(parsed).toMatchObject({
      kind: 'event',
      event: {
        type: 'message',
        text: 'status',
        eventId: '$143273582443PhrSn:example.org',
        conversation: { kind: 'dm', key: dm.roomId, reference: { roomId: dm.roomId, userId: '@example:example.org' } },
      },
    });
  });

  it('in a shared room only what mentions kohort counts, answered privately; a bare mention asks for help', () => {
    expect(parseRoomEvent(spec('God morgon'), shared, bot, at)).toMatchObject({ kind: 'ignored', reason: 'not_addressed' });
    expect(parseRoomEvent(spec('kohort: status'), shared, bot, at)).toMatchObject({ event: { type: 'message', text: 'status', answerPrivately: true } });
    expect(parseRoomEvent(spec('vad säger du?', { 'm.mentions': { user_ids: [bot.id] } }), shared, bot, at)).toMatchObject({ event: { type: 'message', text: 'vad säger du?' } });
    expect(parseRoomEvent(spec('@kohort:example.org', { 'm.mentions': { user_ids: [bot.id] } }), shared, bot, at)).toMatchObject({ event: { type: 'command', text: '' } });
  });

  it('drops kohort’s own events, edits, notices and files; reads past a reply’s quoted fallback', () => {
    expect(parseRoomEvent({ ...spec('x'), sender: bot.id }, dm, bot, at)).toMatchObject({ kind: 'ignored' });
    expect(parseRoomEvent(spec('* status', { 'm.relates_to': { rel_type: 'm.replace', event_id: '$a' } }), dm, bot, at)).toMatchObject({ reason: 'edit' });
    expect(parseRoomEvent({ ...spec('x'), content: { msgtype: 'm.notice', body: 'x' } }, dm, bot, at)).toMatchObject({ kind: 'ignored' });
    expect(withoutReplyFallback('> <@kohort:example.org> Fråga 1 av 30\n> 1. Stämmer inte alls\n\n4')).toBe('4');
    expect(withoutReplyFallback('> ett citat jag skrev själv')).toBe('> ett citat jag skrev själv');
  });

  it('an encrypted message in a direct room asks for the explanation; in a shared room it is not for kohort', () => {
    const encrypted: RoomEvent = { ...spec(''), type: 'm.room.encrypted', content: { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'AwgA…' } };
    expect(parseRoomEvent(encrypted, { ...dm, encrypted: true }, bot, at)).toMatchObject({ event: { type: 'unsupported', reason: 'encrypted', explain: 'encrypted' } });
    expect(parseRoomEvent(encrypted, { ...shared, encrypted: true }, bot, at)).toMatchObject({ kind: 'ignored' });
  });
});

describe('the console’s preview of a Matrix message', () => {
  it('reads kohort’s Matrix HTML back into the parts the page draws, text unescaped once', () => {
    const msg = message(
      header('Inför modul 2'),
      text('Läs <kapitel 3> & "4"'),
      text('Tyst', 'muted'),
      fields([{ label: 'Deadline', value: 'fredag' }]),
      { type: 'links', links: [{ label: 'Boken', url: 'https://example.org/?a=1&b=2' }] },
      { type: 'divider' },
      text('Slut'),
    );
    const view = previewView({ platform: 'matrix', format: 'matrix-html', payload: renderText(msg) });
    expect(view.parts).toEqual([
      { kind: 'heading', text: 'Inför modul 2' },
      { kind: 'text', text: 'Läs <kapitel 3> & "4"' },
      { kind: 'muted', text: 'Tyst' },
      { kind: 'facts', facts: [{ label: 'Deadline', value: 'fredag' }] },
      { kind: 'links', links: [{ label: 'Boken', url: 'https://example.org/?a=1&b=2' }] },
      { kind: 'divider' },
      { kind: 'text', text: 'Slut' },
    ]);
  });
});
