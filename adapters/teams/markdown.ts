// Adaptive Card TextBlocks in Teams read a small Markdown subset: **bold**, _italic_,
// lists and [links](url). Text a person typed is escaped so it can never become a link
// or formatting; everything kohort shows goes through here.

/** Backslash-escapes the characters that open Markdown constructs Teams understands. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/([\\*_[\]()~`>#])/g, '\\$1');
}

/** Teams joins single line breaks in a TextBlock; a blank line keeps them apart. */
export function keepLineBreaks(text: string): string {
  return text.replace(/\r?\n/g, '\n\n');
}

export function cardText(text: string): string {
  return keepLineBreaks(escapeCardMarkdown(text));
}

/** A Markdown link, for http(s) URLs only; anything else is shown as its escaped label. */
export function cardLink(url: string, label: string): string {
  if (!/^https?:\/\/\S+$/i.test(url)) return escapeCardMarkdown(label);
  // Parentheses would end the link early; encodeURIComponent leaves them alone, so map them.
  const safeUrl = url.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${escapeCardMarkdown(label)}](${safeUrl})`;
}
