// The scan history: finished scans kept after the broker forgets them, searched by target, collector, state,
// time and full text, newest first, paged by cursor; two picked scans of one target are compared on #/diff,
// a search is exported, and every entity value leads to its entity page.
import {fill, formatTime, h, stateBadge} from '../dom.js';
import * as API from '../api.js';

const PAGE_SIZE = 50;
const FORMATS = [['json', 'JSON'], ['csv', 'CSV'], ['stix', 'STIX 2.1'], ['gexf', 'GEXF (Gephi)']];

export async function render(view, params) {
  const filters = {
    target: params.get('target') || '', type: params.get('type') || '', state: params.get('state') || '',
    since: params.get('since') || '', until: params.get('until') || '', q: params.get('q') || '',
  };
  const search = {...filters, since: toIso(filters.since), until: toIso(filters.until)};
  const body = h('tbody', {id: 'history-rows'});
  const status = h('p', {class: 'muted small', role: 'status'});
  const more = h('button', {type: 'button', class: 'secondary', hidden: true}, 'Load more');
  const picked = [];
  const compare = h('button', {type: 'button', class: 'primary', id: 'history-compare', disabled: true,
    on: {click: () => {
      location.hash = `#/diff${API.query({from: picked[1].task_id, to: picked[0].task_id})}`;
    }}}, 'Compare the two picked');
  let cursor = null;
  let shown = 0;

  fill(view,
    h('section', {class: 'card'}, h('h2', {}, 'History'),
      h('p', {class: 'muted small'}, 'Every finished scan, kept after the broker forgets it. Pick two scans of one ',
        'target by one collector to compare them.'),
      filterForm(filters, next => { location.hash = `#/history${API.query(next)}`; }),
      h('form', {class: 'filters', id: 'entity-lookup', on: {submit: event => {
        event.preventDefault();
        const value = event.target.querySelector('input').value.trim();
        if (value) location.hash = `#/entity${API.query({value})}`;
      }}}, h('div', {class: 'field'}, h('label', {for: 'entity-value'}, 'Where else was this seen?'),
        h('input', {type: 'search', id: 'entity-value', placeholder: 'an IP, a domain, an email, a username…'})),
      h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'secondary'}, 'Look up')))),
    h('section', {class: 'card'},
      h('div', {class: 'table-wrap'}, h('table', {class: 'data', id: 'history-table'},
        h('thead', {}, h('tr', {}, ['', 'Finished', 'State', 'Collector', 'Target', 'Entities', 'Worker']
          .map(label => h('th', {scope: 'col'}, label)))), body)),
      status, more, h('div', {class: 'actions'}, compare),
      h('p', {class: 'small'}, 'Export this search: ', FORMATS.map(([format, label], i) => [i ? ' · ' : '',
        h('a', {href: API.historyExportUrl(search, format), download: ''}, label)]))));

  function pick(scan, box) {
    if (box.checked) {
      picked.push(scan);
      if (picked.length > 2) {
        const dropped = picked.shift();
        body.querySelector(`input[data-task-id="${CSS.escape(dropped.task_id)}"]`).checked = false;
      }
    } else {
      picked.splice(picked.findIndex(p => p.task_id === scan.task_id), 1);
    }
    // the diff is of one target by one collector; newest is "to"
    picked.sort((a, b) => Date.parse(b.finished_at) - Date.parse(a.finished_at));
    compare.disabled = picked.length !== 2 || picked[0].type !== picked[1].type
      || picked[0].target.toLowerCase() !== picked[1].target.toLowerCase();
  }

  async function load() {
    more.disabled = true;
    try {
      const answer = await API.history({...search, limit: PAGE_SIZE, cursor});
      for (const scan of answer.scans) {
        const box = h('input', {type: 'checkbox', 'aria-label': `pick ${scan.target}`,
          dataset: {taskId: scan.task_id}});
        box.addEventListener('change', () => pick(scan, box));
        body.append(h('tr', {dataset: {taskId: scan.task_id, state: scan.state}},
          h('td', {}, box),
          h('td', {class: 'small'}, formatTime(scan.finished_at)),
          h('td', {}, stateBadge(scan.state)),
          h('td', {}, scan.type),
          h('td', {class: 'target'}, h('a', {href: `#/task/${encodeURIComponent(scan.task_id)}`}, scan.target)),
          h('td', {class: 'num'}, scan.entity_count),
          h('td', {class: 'mono small'}, scan.worker || '–')));
        shown++;
      }
      cursor = answer.next_cursor;
      more.hidden = !cursor;
      status.textContent = shown ? `${shown} shown${cursor ? '; more below' : ''}.` : 'No finished scan matches.';
    } catch (e) {
      status.textContent = e.status === 404 ? `No history here: ${e.message}`
        : `The history could not be read: ${e.message}`;
      status.classList.add('error');
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', load);
  await load();
  return null;
}

function toIso(local) {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function filterForm(filters, apply) {
  const field = (name, label, props) => h('div', {class: 'field'}, h('label', {for: `history-${name}`}, label),
    h('input', {name, id: `history-${name}`, value: filters[name], ...props}));
  const state = h('select', {name: 'state', id: 'history-state'}, ['', ...API.FINAL_STATES].map(s =>
    h('option', {value: s, selected: s === filters.state}, s || 'any')));
  const form = h('form', {class: 'filters', id: 'history-filters', on: {submit: event => {
    event.preventDefault();
    const next = {};
    for (const input of form.querySelectorAll('input, select')) next[input.name] = input.value.trim();
    apply(next);
  }}},
  field('q', 'Text in the result', {type: 'search', placeholder: 'mail.example.com'}),
  field('target', 'Target', {type: 'search'}),
  field('type', 'Collector', {type: 'search', placeholder: 'dns'}),
  h('div', {class: 'field'}, h('label', {for: 'history-state'}, 'State'), state),
  field('since', 'Finished after', {type: 'datetime-local'}),
  field('until', 'Finished before', {type: 'datetime-local'}),
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Search'),
    h('a', {href: '#/history', class: 'button secondary'}, 'Clear')));
  return form;
}
