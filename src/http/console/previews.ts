// A platform's own payload (Slack's Block Kit, Teams' Adaptive Card, the playground's neutral
// message) read back into a few plain parts a page can draw: headings, paragraphs, facts,
// links, buttons. The payload comes from the renderer the platform sends with (the previews
// port), so the page shows what the platform was given — its wording, order, what a platform
// drops or shortens — and the raw payload is shown beside it for anyone who wants the detail.
import type { PlatformPreview } from '../../application/ports.js';

export type PreviewPart =
  | { kind: 'heading' | 'text' | 'muted'; text: string }
  | { kind: 'divider' }
  | { kind: 'facts'; facts: { label: string; value: string }[] }
  | { kind: 'links'; links: { label: string; url: string }[] }
  | { kind: 'buttons'; labels: string[] };

type Json = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** Slack's mrkdwn as it reads: <url|label> shows the label, *bold* and _italic_ lose their marks. */
function mrkdwnText(text: string): string {
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(^|\s)\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|\s)_([^_\n]+)_/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function slackParts(blocks: Json[]): PreviewPart[] {
  return blocks.flatMap((block): PreviewPart[] => {
    const text = obj(block.text);
    switch (block.type) {
      case 'header':
        return [{ kind: 'heading', text: str(text.text) }];
      case 'section': {
        const parts: PreviewPart[] = [];
        if (text.text) parts.push({ kind: 'text', text: mrkdwnText(str(text.text)) });
        const fields = list(block.fields).map((f) => mrkdwnText(str(f.text)));
        if (fields.length > 0) parts.push({ kind: 'facts', facts: fields.map((f) => ({ label: '', value: f })) });
        return parts;
      }
      case 'context':
        return [
          {
            kind: 'muted',
            text: list(block.elements)
              .map((e) => mrkdwnText(str(e.text)))
              .join(' '),
          },
        ];
      case 'divider':
        return [{ kind: 'divider' }];
      case 'actions':
        return [{ kind: 'buttons', labels: list(block.elements).map((e) => str(obj(e.text).text) || str(obj(e.placeholder).text)) }];
      case 'image':
        return [{ kind: 'muted', text: str(block.alt_text) }];
      default:
        return [];
    }
  });
}

/** A TextBlock's Markdown as it reads: links show their label, escapes and doubled line breaks (Teams' paragraphs) are undone. */
function cardMarkdownText(text: string): string {
  return text
    .replace(/\[((?:\\.|[^\]])+)\]\((?:[^)]+)\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\n\n/g, '\n')
    .replace(/\\([\\*_[\]()~`>#])/g, '$1');
}

function cardParts(elements: Json[]): PreviewPart[] {
  return elements.flatMap((el): PreviewPart[] => {
    switch (el.type) {
      case 'TextBlock': {
        const text = cardMarkdownText(str(el.text));
        if (el.size === 'Large' || el.size === 'ExtraLarge' || el.style === 'heading') return [{ kind: 'heading', text }];
        return [{ kind: el.isSubtle ? 'muted' : 'text', text }];
      }
      case 'RichTextBlock':
        return [
          {
            kind: 'text',
            text: list(el.inlines)
              .map((i) => str(i.text))
              .join(''),
          },
        ];
      case 'FactSet':
        return [{ kind: 'facts', facts: list(el.facts).map((f) => ({ label: str(f.title), value: str(f.value) })) }];
      case 'ActionSet':
        return actionParts(list(el.actions));
      case 'Container':
        return [...(el.separator ? [{ kind: 'divider' } as const] : []), ...cardParts(list(el.items))];
      case 'ColumnSet':
        return list(el.columns).flatMap((c) => cardParts(list(c.items)));
      case 'Image':
        return [{ kind: 'muted', text: str(el.altText) }];
      default:
        return [];
    }
  });
}

function actionParts(actions: Json[]): PreviewPart[] {
  if (actions.length === 0) return [];
  const links = actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => ({ label: str(a.title), url: str(a.url) }));
  const buttons = actions.filter((a) => a.type !== 'Action.OpenUrl').map((a) => str(a.title));
  return [...(links.length > 0 ? [{ kind: 'links' as const, links }] : []), ...(buttons.length > 0 ? [{ kind: 'buttons' as const, labels: buttons }] : [])];
}

function neutralParts(blocks: Json[]): PreviewPart[] {
  return blocks.flatMap((block): PreviewPart[] => {
    switch (block.type) {
      case 'header':
        return [{ kind: 'heading', text: str(block.text) }];
      case 'text':
        return [{ kind: block.tone === 'muted' ? 'muted' : 'text', text: str(block.text) }];
      case 'fields':
        return [{ kind: 'facts', facts: list(block.fields).map((f) => ({ label: str(f.label), value: str(f.value) })) }];
      case 'links':
        return [{ kind: 'links', links: list(block.links).map((l) => ({ label: str(l.label), url: str(l.url) })) }];
      case 'divider':
        return [{ kind: 'divider' }];
      case 'actions':
        return [{ kind: 'buttons', labels: list(block.elements).map((e) => str(e.label) || str(e.placeholder)) }];
      case 'image':
        return [{ kind: 'muted', text: str(block.alt) }];
      default:
        return [];
    }
  });
}

/** The HTML kohort writes for Matrix (adapters/matrix/render.ts: a fixed set of tags, every text escaped) read back into parts. */
function matrixParts(html: string): PreviewPart[] {
  const unescape = (t: string) =>
    t
      .replace(/<br>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const parts: PreviewPart[] = [];
  for (const [, tag, inner = ''] of html.matchAll(/<(h3|p|ul|hr|pre)>(?:([\s\S]*?)<\/\1>)?/g)) {
    if (tag === 'hr') parts.push({ kind: 'divider' });
    else if (tag === 'h3') parts.push({ kind: 'heading', text: unescape(inner) });
    else if (tag === 'ul')
      parts.push({
        kind: 'facts',
        facts: [...inner.matchAll(/<li><strong>([\s\S]*?):<\/strong> ([\s\S]*?)<\/li>/g)].map(([, label = '', value = '']) => ({ label: unescape(label), value: unescape(value) })),
      });
    else if (tag === 'p' && inner.includes('<a href="'))
      parts.push({ kind: 'links', links: [...inner.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map(([, url = '', label = '']) => ({ label: unescape(label), url: unescape(url) })) });
    else parts.push({ kind: inner.startsWith('<em>') ? 'muted' : 'text', text: unescape(inner) });
  }
  return parts;
}

export interface PreviewView {
  platform: PlatformPreview['platform'];
  format: PlatformPreview['format'];
  parts: PreviewPart[];
  /** The payload as the platform receives it, pretty-printed. */
  json: string;
}

export function previewView(preview: PlatformPreview): PreviewView {
  const payload = preview.payload as unknown as Json;
  const parts =
    preview.format === 'block-kit'
      ? slackParts(list(payload.blocks))
      : preview.format === 'adaptive-card'
        ? [...cardParts(list(payload.body)), ...actionParts(list(payload.actions))]
        : preview.format === 'matrix-html'
          ? matrixParts(str(payload.formatted_body))
          : neutralParts(list(payload.blocks));
  // Links outside an http(s) address are never made clickable on the page.
  for (const part of parts) if (part.kind === 'links') part.links = part.links.map((l) => ({ ...l, url: /^https?:\/\//i.test(l.url) ? l.url : '' }));
  return { platform: preview.platform, format: preview.format, parts, json: JSON.stringify(preview.payload, null, 2) };
}
