// Teams' preview drawn by Microsoft's own Adaptive Cards renderer (the `adaptivecards`
// package Teams' web clients are built on), from the very card JSON the page shows under
// it. Without JavaScript, or without the bundle, the server's drawing of the card stays.
// Teams renders a TextBlock's Markdown itself; here a small converter does the part
// kohort's cards use (links, bold, escapes, paragraphs), after escaping every character
// that means something in HTML, so no text can become markup.
const AC = window.AdaptiveCards;

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function markdown(text) {
  const html = escapeHtml(text)
    .replace(/\[((?:\\.|[^\]\\])+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\\([\\*_[\]()~`>#])/g, '$1');
  return html
    .split(/\n\n/)
    .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
    .join('');
}

// What Teams' own host config says that bears on the look: its font, dark enough subtle text.
const HOST = {
  supportsInteractivity: true,
  fontFamily: "'Segoe UI', system-ui, sans-serif",
  containerStyles: { default: { backgroundColor: '#FFFFFF', foregroundColors: { default: { default: '#242424', subtle: '#595959' }, accent: { default: '#1d4ed8', subtle: '#1d4ed8' } } } },
  actions: { maxActions: 6, buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline' } },
};

if (AC) {
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
  for (const section of document.querySelectorAll('.preview.adaptive-card')) {
    const frame = section.querySelector('.frame');
    const json = section.querySelector('pre code');
    if (!frame || !json) continue;
    try {
      const card = new AC.AdaptiveCard();
      card.hostConfig = new AC.HostConfig(HOST);
      // A preview: its buttons do nothing.
      card.onExecuteAction = () => undefined;
      card.parse(JSON.parse(json.textContent));
      const rendered = card.render();
      if (rendered) {
        frame.replaceChildren(rendered);
        frame.classList.add('rendered');
      }
    } catch {
      // The server's drawing stays.
    }
  }
}
