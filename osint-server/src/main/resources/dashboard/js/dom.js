// Building the page safely. Every value that comes from a scan or the API goes into the page as text
// (text nodes and textContent), never parsed as markup. Links and images taken from results must be http(s)
// addresses; anything else (javascript:, data:, relative paths) is dropped.

/**
 * h('a', {href, class, text, title, on: {click}}, child, …): an element; children are nodes or values shown as text.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'href') setLink(el, value);
    else if (key === 'src') {
      const url = externalUrl(value);
      if (url) el.src = url;
    } else if (key === 'style') throw new Error('inline styles are not allowed by the page policy; use a class');
    else if (key.startsWith('on')) throw new Error('inline handlers are not allowed; use on: {…}');
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** An address from a result, if it is an http(s) URL; otherwise null. */
export function externalUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function setLink(el, value) {
  if (typeof value === 'string' && (value.startsWith('#/') || /^\/(?!\/)/.test(value))) {
    el.setAttribute('href', value); // the dashboard's own pages and API
    return;
  }
  const url = externalUrl(value);
  if (url) {
    el.href = url;
    el.target = '_blank';
    el.rel = 'noopener noreferrer nofollow';
    el.referrerPolicy = 'no-referrer';
  }
}

/** A link to an address from a result, shown as its text; plain text when the address is not http(s). */
export function link(url, text) {
  const safe = externalUrl(url);
  const label = text === undefined || text === null || text === '' ? String(url ?? '') : text;
  return safe ? h('a', {href: safe, class: 'external'}, label) : h('span', {}, label);
}

/** A picture from a result (an avatar, a logo), when pictures may be loaded and the address is https. */
export function picture(url, alt, className) {
  const safe = externalUrl(url);
  if (!safe || !safe.startsWith('https:') || !remoteImagesAllowed()) return null;
  const img = h('img', {src: safe, alt: alt || '', class: className, loading: 'lazy', referrerpolicy: 'no-referrer',
    decoding: 'async'});
  img.addEventListener('error', () => img.remove());
  return img;
}

const IMAGES_KEY = 'osint.remoteImages';

export function remoteImagesAllowed() {
  return localStorage.getItem(IMAGES_KEY) !== 'off';
}

export function setRemoteImagesAllowed(allowed) {
  localStorage.setItem(IMAGES_KEY, allowed ? 'on' : 'off');
}

/** Text for any JSON value: arrays joined, objects as JSON, empty as an en dash. */
export function show(value) {
  if (value === undefined || value === null || value === '') return '–';
  if (Array.isArray(value)) return value.length ? value.map(v => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formatTime(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, {hour12: false});
}

/** 1.2 s, 3 min 4 s, 2 h 5 min. */
export function formatDuration(ms) {
  if (ms === undefined || ms === null || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.floor(s % 60)} s`;
  const hours = Math.floor(m / 60);
  if (hours < 48) return `${hours} h ${m % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function formatNumber(n) {
  return typeof n === 'number' ? n.toLocaleString() : show(n);
}

/** A coloured label for a task state. */
export function stateBadge(state) {
  return h('span', {class: ['badge', `state-${String(state || '').toLowerCase()}`]}, state || '?');
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', {class: 'card'}, h('h2', {}, title), ...children);
}

/** A definition list of [label, value] pairs; values that are nodes are kept, others shown as text. */
export function facts(pairs) {
  const dl = h('dl', {class: 'facts'});
  for (const [label, value] of pairs) {
    if (value === undefined) continue;
    dl.append(h('dt', {}, label), h('dd', {}, value instanceof Node ? value : show(value)));
  }
  return dl;
}

/**
 * A table that sorts when a heading is clicked and, with filter: true, filters rows as you type.
 * columns: [{label, value: row => sortable value, render?: row => node|text, className?}]
 */
export function dataTable(columns, rows, {filter = false, empty = 'Nothing to show.', caption, id, state} = {}) {
  // state: pass the same object when redrawing a table, to keep its sort order and filter
  const st = state || {};
  st.sortIndex ??= -1;
  st.ascending ??= true;
  st.query ??= '';
  const wrapper = h('div', {class: 'table-wrap'});
  const table = h('table', {class: 'data', id});
  if (caption) table.append(h('caption', {}, caption));
  const head = h('tr');
  const body = h('tbody');
  const count = h('span', {class: 'muted count'});

  columns.forEach((column, index) => {
    const button = h('button', {type: 'button', class: 'sort', on: {click: () => {
      st.ascending = st.sortIndex === index ? !st.ascending : true;
      st.sortIndex = index;
      draw();
    }}}, column.label);
    head.append(h('th', {scope: 'col', class: column.className}, button));
  });
  table.append(h('thead', {}, head), body);

  function matches(row) {
    if (!st.query) return true;
    return columns.some(c => String(c.value(row) ?? '').toLowerCase().includes(st.query));
  }

  function draw() {
    let shown = rows.filter(matches);
    if (st.sortIndex >= 0) {
      const key = columns[st.sortIndex].value;
      shown = [...shown].sort((a, b) => compare(key(a), key(b)) * (st.ascending ? 1 : -1));
    }
    head.querySelectorAll('th').forEach((th, i) =>
      th.setAttribute('aria-sort', i === st.sortIndex ? (st.ascending ? 'ascending' : 'descending') : 'none'));
    body.replaceChildren(...shown.map(row => h('tr', {},
      columns.map(c => h('td', {class: c.className}, c.render ? c.render(row) : show(c.value(row)))))));
    if (!shown.length) body.append(h('tr', {}, h('td', {colspan: columns.length, class: 'muted'}, empty)));
    count.textContent = st.query ? `${shown.length} of ${rows.length}` : `${rows.length}`;
  }

  if (filter) {
    const input = h('input', {type: 'search', placeholder: 'Filter…', class: 'filter', 'aria-label': 'Filter rows',
      on: {input: e => { st.query = e.target.value.trim().toLowerCase(); draw(); }}});
    input.value = st.query;
    wrapper.append(h('div', {class: 'table-tools'}, input, count));
  }
  wrapper.append(table);
  draw();
  return wrapper;
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === undefined || a === null || a === '') return 1;
  if (b === undefined || b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, {numeric: true});
}

/** Offers text as a file to save. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = h('a', {download: filename});
  a.href = url;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
