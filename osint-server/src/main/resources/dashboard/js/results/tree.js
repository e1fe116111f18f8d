// Any JSON value as nested lists, as text: the fallback view of a result of unknown shape.
import {h, show} from '../dom.js';

const MAX_DEPTH = 6;
const MAX_ITEMS = 200;

export function dataTree(value, depth = 0) {
  if (value === null || typeof value !== 'object') return h('span', {class: 'mono'}, show(value));
  if (depth >= MAX_DEPTH) return h('span', {class: 'mono'}, JSON.stringify(value));
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  if (!entries.length) return h('span', {class: 'muted'}, Array.isArray(value) ? '(empty list)' : '(empty)');
  const list = h('dl', {class: 'tree'});
  for (const [key, item] of entries.slice(0, MAX_ITEMS)) {
    list.append(h('dt', {}, key), h('dd', {}, dataTree(item, depth + 1)));
  }
  if (entries.length > MAX_ITEMS) list.append(h('dt', {}, '…'), h('dd', {class: 'muted'}, `${entries.length - MAX_ITEMS} more in the raw JSON`));
  return list;
}
