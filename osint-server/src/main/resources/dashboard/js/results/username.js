// username: the sites grouped FOUND, BLOCKED, NOT_FOUND, ERROR (and the rest), each with its link.
import {dataTable, h, link, section, show} from '../dom.js';

const GROUPS = ['FOUND', 'BLOCKED', 'NOT_FOUND', 'ERROR', 'TIMEOUT', 'INVALID_USERNAME'];

export function usernameView(data) {
  const results = data.results || [];
  const summary = data.summary || {};
  const groups = new Map(GROUPS.map(g => [g, []]));
  for (const r of results) {
    if (!groups.has(r.status)) groups.set(r.status, []);
    groups.get(r.status).push(r);
  }
  const who = data.handle && data.handle !== data.username ? `${data.username} (${data.handle})` : data.username;
  const head = section(`${who}: ${data.sites_checked ?? results.length} sites checked`,
    h('ul', {class: 'summary', id: 'username-summary'}, [...groups.keys()].map(g =>
      h('li', {class: `status-${g.toLowerCase()}`}, h('strong', {}, String(summary[g] ?? groups.get(g).length)), ` ${g}`))));
  const parts = [head];
  for (const [status, rows] of groups) {
    if (!rows.length) continue;
    const block = h('details', {class: ['card', 'site-group'], id: `sites-${status.toLowerCase()}`,
      open: status === 'FOUND' || status === 'BLOCKED'},
    h('summary', {}, `${status} (${rows.length})`),
    dataTable([
      {label: 'Site', value: r => r.site},
      {label: 'Profile', value: r => r.url, render: r => link(r.url), className: 'wrap'},
      {label: 'HTTP', value: r => r.http_status, className: 'num'},
      {label: 'Time', value: r => r.elapsed_ms, render: r => (r.elapsed_ms === undefined ? '–' : `${r.elapsed_ms} ms`),
        className: 'num'},
      {label: 'Tags', value: r => show(r.tags)},
      {label: 'Why', value: r => r.reason, render: why, className: 'small wrap'},
      {label: 'Decided by', value: r => [r.catalogue, r.check].filter(Boolean).join(' · '), className: 'small'},
    ], rows, {filter: rows.length > 10}));
    parts.push(block);
  }
  return parts;
}

/** The reason, where the answer ended up when it moved, and what the random-name control said. */
function why(r) {
  const matched = r.matched && typeof r.matched === 'object' ? r.matched : {};
  const moved = matched.final_url && matched.final_url !== r.url ? matched.final_url : null;
  const control = r.control && typeof r.control === 'object' && r.control.username
    ? `a random name (${r.control.username}) is ${r.control.status}` : null;
  return h('span', {}, r.reason ?? '–',
    moved ? h('span', {class: 'muted block'}, 'ended at ', link(moved)) : null,
    control ? h('span', {class: 'muted block'}, control) : null);
}
