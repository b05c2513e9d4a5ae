// Neutral messages as Matrix `m.text` events: a plain `body` for every client and a
// notification, and an `org.matrix.custom.html` body built only from the tags below with
// every piece of text escaped — so nothing a person typed can become markup, a link or a
// pill. `m.mentions: {}` on every event tells clients and servers that kohort mentions
// nobody: a name or "@room" inside a quoted reflection never notifies anyone.
// https://spec.matrix.org/v1.16/client-server-api/#mroommessage-msgtypes
// https://spec.matrix.org/v1.16/client-server-api/#user-and-room-mentions
import type { Block, Message } from '../../src/ui/model.js';
import { MATRIX_LIMITS } from './limits.js';

/** The tags kohort writes; the spec's recommended set is wider, kohort needs no more. */
export const MATRIX_HTML_TAGS = ['h3', 'p', 'br', 'em', 'strong', 'ul', 'li', 'a', 'hr', 'pre'] as const;

export interface MatrixTextContent {
  msgtype: 'm.text';
  body: string;
  format: 'org.matrix.custom.html';
  formatted_body: string;
  'm.mentions': Record<string, never>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const ELLIPSIS = '…';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** One block as plain text and as HTML; text stays plain until escaped here. */
interface Part {
  plain: string;
  html: string;
  /** Cuts the block's text to `chars` characters (for a block too long to fit whole). */
  cut?(chars: number): Part;
}

function textPart(value: string, wrap: (escaped: string) => string): Part {
  const make = (shown: string): Part => ({
    plain: shown,
    html: wrap(escapeHtml(shown).replace(/\n/g, '<br>')),
    cut: (chars) => make([...value].slice(0, Math.max(0, chars)).join('').trimEnd() + ELLIPSIS),
  });
  return make(value);
}

function partOf(block: Block): Part | undefined {
  switch (block.type) {
    case 'header':
      return textPart(block.text, (t) => `<h3>${t}</h3>`);
    case 'text':
      return textPart(block.text, (t) => (block.tone === 'muted' ? `<p><em>${t}</em></p>` : `<p>${t}</p>`));
    case 'fields':
      return {
        plain: block.fields.map((f) => `${f.label}: ${f.value}`).join('\n'),
        html: `<ul>${block.fields.map((f) => `<li><strong>${escapeHtml(f.label)}:</strong> ${escapeHtml(f.value)}</li>`).join('')}</ul>`,
      };
    case 'links':
      return {
        plain: block.links.map((l) => `${l.label}: ${l.url}`).join('\n'),
        html: `<p>${block.links.map(linkHtml).join('<br>')}</p>`,
      };
    case 'actions': {
      // Never shown on Matrix in practice (the typed fallback numbers them first); kept as words.
      const words = block.elements.map((e) => (e.type === 'button' ? e.label : `${e.placeholder}: ${e.options.map((o) => o.label).join(' / ')}`)).join(' · ');
      return textPart(words, (t) => `<p>${t}</p>`);
    }
    case 'input':
      return textPart(block.label, (t) => `<p>${t}</p>`);
    case 'image':
      // Matrix HTML shows only mxc:// images; a web picture is a link with its description.
      return { plain: `${block.alt}: ${block.url}`, html: `<p>${linkHtml({ label: block.alt, url: block.url })}</p>` };
    case 'chart': {
      // The bars as text in every client; the picture follows as an m.image of its own.
      const lines = [block.title, ...block.bars.map((b) => `${b.label.padEnd(24)} ${'█'.repeat(Math.round((b.value / b.max) * 10)).padEnd(10, '░')} ${b.display ?? String(b.value)}`)];
      return { plain: lines.join('\n'), html: `<p><strong>${escapeHtml(block.title)}</strong></p><pre>${escapeHtml(lines.slice(1).join('\n'))}</pre>` };
    }
    case 'divider':
      return { plain: '', html: '<hr>' };
  }
}

/** A link only for http(s) addresses; anything else stays words. */
function linkHtml(link: { label: string; url: string }): string {
  if (!/^https?:\/\/\S+$/i.test(link.url)) return escapeHtml(`${link.label}: ${link.url}`);
  return `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`;
}

function contentOf(parts: Part[]): MatrixTextContent {
  return {
    msgtype: 'm.text',
    body: parts
      .map((p) => p.plain)
      .filter((p) => p.length > 0)
      .join('\n\n'),
    format: 'org.matrix.custom.html',
    formatted_body: parts.map((p) => p.html).join(''),
    'm.mentions': {},
  };
}

export const contentBytes = (content: object): number => bytes(JSON.stringify(content));

/**
 * The message as one `m.text` content within `maxBytes` of JSON: blocks in order, and where
 * they do not all fit, as many as do, the last one cut with an ellipsis — the header first.
 */
export function renderText(msg: Message, maxBytes: number = MATRIX_LIMITS.contentBytes): MatrixTextContent {
  const parts = msg.blocks.map(partOf).filter((p): p is Part => p !== undefined);
  // A divider shows only between two things.
  while (parts.length > 0 && parts.at(-1)!.plain === '' && parts.at(-1)!.html === '<hr>') parts.pop();
  const whole = contentOf(parts);
  if (contentBytes(whole) <= maxBytes) return whole;
  const kept: Part[] = [];
  for (const part of parts) {
    if (contentBytes(contentOf([...kept, part])) <= maxBytes) {
      kept.push(part);
      continue;
    }
    const cut = part.cut && longestCut(part, kept, maxBytes);
    if (cut) kept.push(cut);
    break;
  }
  return contentOf(kept);
}

/** The longest cut of `part` that still fits after `kept` (a binary search on characters). */
function longestCut(part: Part, kept: Part[], maxBytes: number): Part | undefined {
  let low = 0;
  let high = [...part.plain].length;
  let best: Part | undefined;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    const candidate = part.cut!(mid);
    if (contentBytes(contentOf([...kept, candidate])) <= maxBytes) {
      best = candidate;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best && best.plain.length > ELLIPSIS.length ? best : undefined;
}

/** An edit of an earlier event: clients show `m.new_content`; the outer body is the fallback for those that do not. */
export function renderEdit(eventId: string, msg: Message): Record<string, unknown> {
  // Both copies of the text travel in one event: each gets half the room.
  const content = renderText(msg, Math.floor(MATRIX_LIMITS.contentBytes / 2) - 200);
  return {
    ...content,
    body: `* ${content.body}`,
    formatted_body: `* ${content.formatted_body}`,
    'm.new_content': content,
    'm.relates_to': { rel_type: 'm.replace', event_id: eventId },
  };
}

/** A reply in the thread rooted at `rootId`; clients without threads see it as a reply. */
export function inThread(content: object, rootId: string): Record<string, unknown> {
  return { ...content, 'm.relates_to': { rel_type: 'm.thread', event_id: rootId, is_falling_back: true, 'm.in_reply_to': { event_id: rootId } } };
}
