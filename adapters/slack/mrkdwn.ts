// Slack mrkdwn needs exactly three characters escaped; with them escaped, user text can
// never form a link, a user or channel mention, or <!channel>/<!here> broadcasts.
// https://api.slack.com/reference/surfaces/formatting#escaping
//
// Lengths are counted in UTF-16 units (String.length), which is never less than what
// Slack counts, and cuts never split a surrogate pair or an escape sequence.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] as string);
}

/** Slack sends typed text with the same three characters escaped; the core wants them back. */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A link in mrkdwn; only http(s) URLs become links, anything else stays plain text. */
export function mrkdwnLink(url: string, label: string): string {
  if (!/^https?:\/\/\S+$/i.test(url)) return escapeMrkdwn(label);
  // `|`, `<` and `>` end the URL part of <url|label>; percent-encoding keeps the URL intact.
  const safeUrl = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safeUrl}|${escapeMrkdwn(label.replace(/\|/g, '¦'))}>`;
}

const ELLIPSIS = '…';

/** Plain text (no escaping) cut to `max` UTF-16 units, the cut marked with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return splitEscapedPieces(text, max - ELLIPSIS.length, (c) => c)[0] + ELLIPSIS;
}

/** Escaped mrkdwn of `text`, at most `max` long, the cut marked with an ellipsis. */
export function escapeAndTruncate(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  return splitEscapedPieces(text, max - ELLIPSIS.length, escapeChar)[0] + ELLIPSIS;
}

/** Escaped mrkdwn of `text` in pieces of at most `max`, cut at line breaks or spaces where possible. */
export function escapeAndSplit(text: string, max: number): string[] {
  return splitEscapedPieces(text, max, escapeChar);
}

const escapeChar = (c: string) => ESCAPES[c] ?? c;

function splitEscapedPieces(text: string, max: number, render: (c: string) => string): string[] {
  const pieces: string[] = [];
  let current = '';
  let lastBreak = -1; // index in `current` just after the last space or newline
  for (const char of text) {
    const out = render(char);
    if (current.length + out.length > max) {
      const cutAt = lastBreak > max / 2 ? lastBreak : current.length;
      pieces.push(current.slice(0, cutAt).trimEnd());
      current = current.slice(cutAt).replace(/^[ \n]+/, '');
      lastBreak = Math.max(current.lastIndexOf(' '), current.lastIndexOf('\n')) + 1 || -1;
    }
    current += out;
    if (char === ' ' || char === '\n') lastBreak = current.length;
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  return pieces;
}
