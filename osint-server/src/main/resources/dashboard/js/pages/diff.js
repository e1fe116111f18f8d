// Two scans of one target by one collector, compared: entities added and removed, entities whose attributes
// changed, and the changes in the collector's data (lists compared as sets).
import {dataTable, facts, fill, formatTime, h, section, stateBadge} from '../dom.js';
import * as API from '../api.js';

export async function render(view, params) {
  const from = params.get('from') || '';
  const to = params.get('to') || '';
  let diff;
  try {
    diff = await API.historyDiff(from, to);
  } catch (e) {
    fill(view, section('Compare scans', h('p', {class: 'error', id: 'diff-error'}, e.message),
      h('p', {}, h('a', {href: '#/history'}, 'Back to the history'))));
    return null;
  }
  const scan = s => h('div', {}, facts([['Task', h('a', {href: `#/task/${encodeURIComponent(s.task_id)}`},
    s.task_id)], ['Finished', formatTime(s.finished_at)], ['State', stateBadge(s.state)],
  ['Entities', s.entity_count]]));
  const entityLink = e => h('a', {href: `#/entity${API.query({value: e.value, kind: e.kind})}`}, e.value);
  const entityColumns = [{label: 'Kind', value: e => e.kind}, {label: 'Value', value: e => e.value,
    render: entityLink}];
  const json = value => h('code', {class: 'small'}, JSON.stringify(value));
  const records = [];
  for (const change of diff.records) {
    if (change.added || change.removed) {
      (change.added || []).forEach(item => records.push({change: 'added', path: change.path, value: item}));
      (change.removed || []).forEach(item => records.push({change: 'removed', path: change.path, value: item}));
    } else {
      records.push({change: 'changed', path: change.path, value: {before: change.before, after: change.after}});
    }
  }
  fill(view,
    section(`${diff.to.type} scans of ${diff.to.target}`, h('div', {class: 'diff-scans'},
      h('div', {}, h('h3', {}, 'Before'), scan(diff.from)), h('div', {}, h('h3', {}, 'After'), scan(diff.to)))),
    section(`Entities added (${diff.added.length})`, dataTable(entityColumns, diff.added,
      {id: 'diff-added', empty: 'None.'})),
    section(`Entities removed (${diff.removed.length})`, dataTable(entityColumns, diff.removed,
      {id: 'diff-removed', empty: 'None.'})),
    section(`Entities changed (${diff.changed.length})`, dataTable([...entityColumns,
      {label: 'Before', value: c => JSON.stringify(c.before), render: c => json(c.before)},
      {label: 'After', value: c => JSON.stringify(c.after), render: c => json(c.after)}], diff.changed,
    {id: 'diff-changed', empty: 'None.'})),
    section(`Records changed (${records.length})`, dataTable([
      {label: 'Change', value: r => r.change},
      {label: 'Path', value: r => r.path, className: 'mono'},
      {label: 'Value', value: r => JSON.stringify(r.value), render: r => json(r.value)}], records,
    {filter: true, id: 'diff-records', empty: 'None.'})));
  return null;
}
