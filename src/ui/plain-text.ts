// Plain-text fallback of a message: notifications, screen readers, and platforms or
// clients that cannot show cards all get the same content in reading order.
import type { Block, Message } from './model.js';

export function toPlainText(msg: Message): string {
  return msg.blocks
    .map(blockText)
    .filter((line) => line.length > 0)
    .join('\n');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'header':
      return block.text;
    case 'text':
      return block.text;
    case 'fields':
      return block.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'links':
      return block.links.map((l) => `${l.label}: ${l.url}`).join('\n');
    case 'actions':
      return block.elements.map((e) => (e.type === 'button' ? `[${e.label}]` : `${e.placeholder}: ${e.options.map((o) => o.label).join(' / ')}`)).join(' ');
    case 'input':
      return block.label;
    case 'image':
      return block.alt;
    case 'chart':
      return [block.title, ...block.bars.map((b) => `${b.label}: ${formatNumber(b.value)} / ${b.max}`)].join('\n');
    case 'divider':
      return '';
  }
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
