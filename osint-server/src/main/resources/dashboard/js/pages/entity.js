// One entity value across the history: per kind when it was first and last seen and by how many scans, then
// every scan that saw it, newest first (the pivot: "where else have we seen this IP?").
import {dataTable, facts, fill, formatTime, h, section, stateBadge} from '../dom.js';
import * as API from '../api.js';

export async function render(view, params) {
  const value = params.get('value') || '';
  const kind = params.get('kind') || '';
  if (!value) {
    fill(view, section('Entity', h('p', {}, 'Give a value: ', h('a', {href: '#/history'}, 'look one up'), '.')));
    return null;
  }
  const rows = [];
  const status = h('p', {class: 'muted small', role: 'status'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Load more');
  const table = h('div', {id: 'entity-sightings'});
  let cursor = null;
  let summaries = null;

  async function load() {
    more.disabled = true;
    try {
      const answer = await API.entity({value, kind, limit: 100, cursor});
      if (!summaries) {
        summaries = answer.entities;
        fill(view,
          section(`Entity ${value}`, summaries.length ? summaries.map(e => h('div', {class: 'entity-kind'},
            h('h3', {}, e.kind), facts([['Value', e.value], ['First seen', formatTime(e.first_seen)],
              ['Last seen', formatTime(e.last_seen)], ['Scans', e.scan_count]]))) :
            h('p', {class: 'muted'}, 'No scan in the history found this value.')),
          section('Scans that saw it', table, status, more));
      }
      rows.push(...answer.sightings.items);
      fill(table, dataTable([
        {label: 'Seen', value: r => r.seen_at, render: r => formatTime(r.seen_at)},
        {label: 'Kind', value: r => r.kind},
        {label: 'Collector', value: r => r.type},
        {label: 'Target', value: r => r.target,
          render: r => h('a', {href: `#/task/${encodeURIComponent(r.task_id)}`}, r.target)},
        {label: 'State', value: r => r.state, render: r => stateBadge(r.state)},
        {label: 'Source', value: r => r.source},
        {label: 'Confidence', value: r => r.confidence, className: 'num'},
      ], rows, {filter: true, id: 'entity-scans', empty: 'None.'}));
      cursor = answer.sightings.next_cursor;
      more.hidden = !cursor;
      status.textContent = `${rows.length} scan(s) shown${cursor ? '; more below' : ''}.`;
    } catch (e) {
      fill(view, section('Entity', h('p', {class: 'error'}, e.message)));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  await load();
  return null;
}
