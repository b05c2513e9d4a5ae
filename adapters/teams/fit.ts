// Keeps a card within what Teams accepts, measured as Teams measures a bot message: its
// JSON as UTF-16 (two bytes a code unit), Base64 images not counted. Each element is
// measured once. When the card is too big, its largest texts and fact lists are shortened
// visibly with "…" — everything else, the buttons after them included, stays. Only a card
// of so many parts that they cannot all keep a readable share loses some: a part (what one
// block of the message became: a text, a chart, a set of choices, a form) is kept whole or
// left out whole, never half a form, buttons and forms are kept first, and a line "… (+N)"
// stands where N parts were left out.

type Element = Record<string, unknown>;
interface Fact {
  title: string;
  value: string;
}

const BASE64_IMAGE = /data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/gi;
/** A text or fact list is not shortened below this (about a paragraph) to make room for others. */
const READABLE_BYTES = 2_000;
const ELLIPSIS = '…';

/** The bytes of `value` as Teams counts them towards its message size limit. */
export function teamsSize(value: unknown): number {
  const json = JSON.stringify(value);
  let images = 0;
  for (const match of json.matchAll(BASE64_IMAGE)) images += match[0].length;
  return (json.length - images) * 2;
}

/**
 * The body for `card` (whose own body is empty) from `parts`, the elements of each block of
 * the message, within `budget` bytes: all of them when they fit, otherwise shortened as
 * described above.
 */
export function fitBody(card: object, parts: Element[][], budget: number): Element[] {
  const body = parts.flat();
  const sizes = body.map(teamsSize);
  const frame = teamsSize(card);
  // Two bytes for each comma between the elements.
  const total = sizes.reduce((sum, size) => sum + size + 2, frame);
  if (total <= budget) return body;

  const shortenable = body.map((e) => e.type === 'TextBlock' || e.type === 'FactSet');
  const fixed = sizes.reduce((sum, size, i) => (shortenable[i] ? sum + 2 : sum + size + 2), frame);
  const cap = shareOf(
    sizes.filter((_, i) => shortenable[i]),
    budget - fixed,
  );
  if (cap >= READABLE_BYTES) return body.map((e, i) => (shortenable[i] && sizes[i]! > cap ? shorten(e, cap) : e));
  return someParts(frame, parts, sizes, budget);
}

/**
 * Too much even with every text a paragraph: the parts that fit, buttons and forms first
 * (they are what a person acts on), then the others in order; shown in the message's order,
 * with "… (+N)" where N parts were left out.
 */
function someParts(frame: number, parts: Element[][], sizes: number[], budget: number): Element[] {
  const leftOut = (n: number): Element => ({ type: 'TextBlock', text: `${ELLIPSIS} (+${n})`, isSubtle: true, wrap: true });
  const line = teamsSize(leftOut(parts.length)) + 2;
  let offset = 0;
  const measured = parts.map((part) => {
    const elements = part.map((element, k) => {
      const size = sizes[offset + k]!;
      const capped = (element.type === 'TextBlock' || element.type === 'FactSet') && size > READABLE_BYTES;
      return { element, capped, size: capped ? READABLE_BYTES : size };
    });
    offset += part.length;
    const interactive = part.some((e) => e.type === 'ActionSet' || String(e.type).startsWith('Input.'));
    return { elements, interactive, size: elements.reduce((sum, e) => sum + e.size + 2, 0) };
  });
  // The size of the card keeping `kept`, from the sizes measured above: a line for each run of parts left out.
  const sizeWith = (kept: Set<number>) => {
    let total = frame;
    let gap = false;
    for (const [i, part] of measured.entries()) {
      if (kept.has(i)) total += part.size + (gap ? line : 0);
      gap = !kept.has(i);
    }
    return total + (gap ? line : 0);
  };
  const kept = new Set<number>();
  for (const interactive of [true, false]) {
    for (const [i, part] of measured.entries()) {
      if (part.interactive !== interactive) continue;
      kept.add(i);
      if (sizeWith(kept) > budget) kept.delete(i);
    }
  }
  const out: Element[] = [];
  let pending = 0;
  for (const [i, part] of measured.entries()) {
    if (!kept.has(i)) {
      pending += 1;
      continue;
    }
    if (pending > 0) out.push(leftOut(pending));
    pending = 0;
    out.push(...part.elements.map((e) => (e.capped ? shorten(e.element, READABLE_BYTES) : e.element)));
  }
  if (pending > 0) out.push(leftOut(pending));
  return out;
}

/**
 * The largest size every shortenable element may keep so that they all fit in `room`
 * bytes: elements already smaller keep their size, and the rest share what is left equally.
 */
function shareOf(sizes: number[], room: number): number {
  if (room < 0) return 0;
  const ascending = [...sizes].sort((a, b) => a - b);
  let left = room;
  for (const [k, size] of ascending.entries()) {
    const sharing = ascending.length - k;
    if (size * sharing > left) return Math.max(0, Math.floor(left / sharing));
    left -= size;
  }
  return Number.POSITIVE_INFINITY;
}

/** The element in at most `bytes`: a text cut with "…", a fact list cut with a closing "… (+N)" fact. */
function shorten(element: Element, bytes: number): Element {
  const units = Math.floor(bytes / 2);
  if (element.type === 'TextBlock') {
    return { ...element, text: cut(String(element.text), units - jsonLength({ ...element, text: '' })) };
  }
  const facts = element.facts as Fact[];
  const room = units - jsonLength({ ...element, facts: [] });
  const closing = (left: number): Fact => ({ title: ELLIPSIS, value: `(+${left})` });
  let used = jsonLength(closing(facts.length)) + 1;
  const kept: Fact[] = [];
  for (const fact of facts) {
    const size = jsonLength(fact) + 1;
    if (used + size > room) break;
    kept.push(fact);
    used += size;
  }
  // Not even the first fact fits whole: its value is cut instead.
  if (kept.length === 0 && facts[0]) kept.push({ ...facts[0], value: cut(facts[0].value, room - used - jsonLength({ ...facts[0], value: '' }) - 1) });
  return { ...element, facts: kept.length < facts.length ? [...kept, closing(facts.length - kept.length)] : kept };
}

/**
 * The longest beginning of `text` whose JSON takes at most `units` code units with the
 * "…" it ends with, ending at a space when one is near, and never inside a Markdown escape
 * ("\*") or a surrogate pair, so what is left reads and renders as it did.
 */
function cut(text: string, units: number): string {
  let used = 1;
  let end = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const paired = isHigh(code) && isLow(text.charCodeAt(end + 1));
    const step = code === 0x5c || paired ? 2 : 1;
    const cost = paired ? 2 : step === 2 ? jsonCost(code) + jsonCost(text.charCodeAt(end + 1)) : jsonCost(code);
    if (used + cost > units) break;
    used += cost;
    end += step;
  }
  if (end >= text.length) return text;
  const space = Math.max(text.lastIndexOf(' ', end - 1), text.lastIndexOf('\n', end - 1));
  if (space > end * 0.8) end = space;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** The code units JSON.stringify writes for one UTF-16 code unit of a string. */
function jsonCost(code: number): number {
  if (Number.isNaN(code)) return 0;
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x20) return [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(code) ? 2 : 6;
  // A surrogate without its partner is written as \udxxx.
  return isHigh(code) || isLow(code) ? 6 : 1;
}

function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
