// Playground client. Renders the neutral message model with DOM APIs and textContent
// only, so no text from the bot or a person is ever interpreted as HTML.
const $ = (id) => document.getElementById(id);
const state = { as: null, name: undefined, stream: null, texts: {} };

// 401: the playground's token changed (kohort restarted with another one); the page itself
// then says how to get in again.
function unauthorised(res) {
  if (res.status !== 401) return false;
  location.reload();
  return true;
}

async function getJson(url) {
  const res = await fetch(url);
  if (unauthorised(res)) return new Promise(() => {});
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

async function loadTexts(locale) {
  state.texts = await getJson(`/playground/api/texts/${locale}`);
  document.documentElement.lang = locale;
  $('title').textContent = state.texts.title;
  $('intro').textContent = state.texts.intro;
  $('you-are').textContent = state.texts.you_are;
  $('text').placeholder = state.texts.placeholder;
  $('send').textContent = state.texts.send;
  const visitor = $('person').querySelector('option[data-visitor]');
  if (visitor) visitor.textContent = state.texts.visitor;
}

function visitorId() {
  let id = localStorage.getItem('kohort.visitor');
  if (!id) {
    id = `visitor-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem('kohort.visitor', id);
  }
  return id;
}

async function loadPeople() {
  const { people } = await getJson('/playground/api/people');
  const select = $('person');
  select.replaceChildren();
  for (const p of people) {
    const roles = p.roles.map((r) => state.texts[`role.${r}`] ?? r).join(', ');
    const option = new Option(`${p.name} (${roles}) – ${p.cohort}`, p.userId);
    select.append(option);
  }
  const visitor = new Option(state.texts.visitor, visitorId());
  visitor.dataset.visitor = 'true';
  select.append(visitor);
  const { channels } = await getJson('/playground/api/channels');
  if (channels.length > 0) {
    const group = el('optgroup', { label: state.texts.channels });
    for (const c of channels) group.append(new Option(`#${c.channelId} – ${c.group ?? c.cohort}`, `#${c.channelId}`));
    // Before the visitor, who stays last in the list.
    select.insertBefore(group, visitor);
  }
  const remembered = localStorage.getItem('kohort.as');
  if (remembered && [...select.options].some((o) => o.value === remembered)) select.value = remembered;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

function renderBlock(block, entry) {
  switch (block.type) {
    case 'header':
      return el('h3', { textContent: block.text });
    case 'text':
      return el('p', { textContent: block.text, className: block.tone === 'muted' ? 'muted' : '' });
    case 'fields': {
      const dl = el('dl');
      for (const f of block.fields) dl.append(el('dt', { textContent: f.label }), el('dd', { textContent: f.value }));
      return dl;
    }
    case 'links': {
      const ul = el('ul');
      for (const l of block.links) ul.append(el('li', {}, el('a', { textContent: l.label, href: l.url, target: '_blank', rel: 'noopener noreferrer' })));
      return ul;
    }
    case 'actions': {
      const row = el('div', { className: 'actions' });
      for (const item of block.elements) {
        if (item.type === 'button') {
          const b = el('button', { type: 'button', textContent: item.label, className: item.style ?? '' });
          b.addEventListener('click', () => send({ kind: 'action', actionId: item.actionId, value: item.value, messageId: entry.id }));
          row.append(b);
        } else {
          // The drop-down is named by its prompt ("Välj en förberedelse"), for screen readers too.
          const s = el('select', { ariaLabel: item.placeholder }, new Option(item.placeholder, ''));
          for (const o of item.options) s.append(new Option(o.label, o.value, false, o.value === item.initial));
          s.addEventListener('change', () => s.value && send({ kind: 'action', actionId: item.actionId, value: s.value, messageId: entry.id }));
          row.append(s);
        }
      }
      return row;
    }
    case 'input': {
      const field = block.multiline ? el('textarea', { rows: 4 }) : el('input');
      Object.assign(field, { placeholder: block.placeholder ?? '', maxLength: block.maxLength ?? 2000 });
      // The label wraps the field, so the field has its accessible name wherever the form is drawn.
      const form = el('form', {}, el('label', { className: 'field' }, el('span', { textContent: block.label }), field), el('button', { type: 'submit', textContent: block.submitLabel }));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        send({ kind: 'form', formId: block.formId, values: { [block.inputId]: field.value }, messageId: entry.id });
      });
      return form;
    }
    case 'image':
      return el('img', { src: block.url, alt: block.alt });
    case 'chart': {
      if (block.png) return el('img', { src: block.png, alt: `${block.title}: ${block.bars.map((b) => `${b.label} ${b.display ?? b.value}`).join(', ')}`, className: 'chart' });
      const box = el('div', {}, el('p', { textContent: block.title }));
      for (const bar of block.bars) {
        const fill = el('span', { className: 'fill' });
        fill.style.width = `${Math.round((bar.value / bar.max) * 100)}%`;
        box.append(el('div', { className: 'bar' }, el('span', { textContent: bar.label }), el('span', {}, fill), el('span', { textContent: String(bar.value) })));
      }
      return box;
    }
    case 'divider':
      return el('hr');
    default:
      return el('p', { textContent: '' });
  }
}

function renderEntry(entry) {
  const node = el('div', { className: `entry ${entry.from}` });
  node.dataset.id = entry.id;
  node.dataset.from = entry.from;
  if (entry.message) for (const block of entry.message.blocks) node.append(renderBlock(block, entry));
  else node.textContent = entry.text ?? '';
  return node;
}

/** A reply in a thread sits folded under its parent, the way a channel shows "n replies". */
function threadOf(parentId) {
  const parent = $('log').querySelector(`.entry[data-id="${CSS.escape(parentId)}"]`);
  if (!parent) return undefined;
  let box = parent.querySelector(':scope > details.thread');
  if (!box) {
    box = el('details', { className: 'thread' }, el('summary'));
    parent.append(box);
  }
  return box;
}

function show(entry) {
  const log = $('log');
  log.querySelector('.empty')?.remove();
  const existing = log.querySelector(`[data-id="${CSS.escape(entry.id)}"]`);
  const node = renderEntry(entry);
  if (existing) {
    const replies = existing.querySelector(':scope > details.thread');
    if (replies) node.append(replies);
    existing.replaceWith(node);
  } else {
    const thread = entry.threadOf ? threadOf(entry.threadOf) : undefined;
    (thread ?? log).append(node);
    if (thread) thread.querySelector('summary').textContent = (state.texts.show_thread ?? '{count}').replace('{count}', String(thread.querySelectorAll(':scope > .entry').length));
  }
  log.scrollTop = log.scrollHeight;
}

const isChannel = (as) => as.startsWith('#');

async function loadHistory(as) {
  const url = isChannel(as) ? `/playground/api/channels/${encodeURIComponent(as.slice(1))}/messages` : `/playground/api/conversations/${encodeURIComponent(as)}/messages`;
  const { messages } = await getJson(url);
  if (as !== state.as) return;
  const log = $('log');
  if (messages.length === 0 && !log.querySelector('.entry')) {
    log.replaceChildren(el('p', { className: 'empty muted', textContent: state.texts.empty }));
  }
  messages.forEach(show);
}

async function openConversation() {
  state.as = $('person').value;
  localStorage.setItem('kohort.as', state.as);
  state.stream?.close();
  $('log').replaceChildren();
  const as = state.as;
  const channel = isChannel(as);
  $('text').disabled = channel;
  $('send').disabled = channel;
  $('text').placeholder = channel ? state.texts.channel_readonly : state.texts.placeholder;
  state.stream = new EventSource(channel ? `/playground/api/stream?channel=${encodeURIComponent(as.slice(1))}` : `/playground/api/stream?as=${encodeURIComponent(as)}`);
  state.stream.addEventListener('entry', (e) => show(JSON.parse(e.data)));
  // On every (re)connect, fetch the history too: anything sent while the stream was
  // down is shown, and show() replaces by id, so nothing appears twice.
  let synced;
  const opened = new Promise((resolve) => state.stream.addEventListener('open', resolve, { once: true }));
  state.stream.addEventListener('open', () => {
    $('connection').hidden = true;
    synced = loadHistory(as);
  });
  state.stream.addEventListener('error', () => {
    $('connection').hidden = false;
    $('connection').textContent = state.texts.connection_lost;
  });
  await opened;
  await synced;
}

async function send(body) {
  const res = await fetch('/playground/api/inbound', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: state.as, eventId: crypto.randomUUID(), ...body }),
  });
  if (unauthorised(res)) return;
  if (!res.ok) console.error('kohort rejected the message', await res.text());
}

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value.trim();
  if (!text) return;
  $('text').value = '';
  send({ kind: 'message', text });
});
$('person').addEventListener('change', openConversation);
$('ui-locale').addEventListener('change', async (e) => {
  localStorage.setItem('kohort.ui', e.target.value);
  await loadTexts(e.target.value);
  await loadPeople();
});

const uiLocale = localStorage.getItem('kohort.ui') ?? (navigator.language.startsWith('en') ? 'en' : 'sv');
$('ui-locale').value = uiLocale;
await loadTexts(uiLocale);
await loadPeople();
await openConversation();
document.body.dataset.ready = 'true';
