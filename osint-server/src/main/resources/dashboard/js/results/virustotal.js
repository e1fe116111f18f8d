// virustotal: the verdict, the engine counts as a bar, and the engines that flagged the target.
import {dataTable, facts, formatTime, h, section, show} from '../dom.js';

const COUNTS = ['malicious', 'suspicious', 'harmless', 'undetected', 'timeout'];

export function virustotalView(data) {
  const summary = data.summary || {};
  const total = COUNTS.reduce((sum, k) => sum + (Number(summary[k]) || 0), 0);
  const bar = h('div', {class: 'engine-bar', role: 'img',
    'aria-label': COUNTS.map(k => `${summary[k] ?? 0} ${k}`).join(', ')});
  for (const k of COUNTS) {
    const n = Number(summary[k]) || 0;
    if (!n) continue;
    const segment = h('span', {class: `segment ${k}`, title: `${n} ${k}`});
    segment.style.flexGrow = String(n); // CSSOM, allowed by the page policy
    bar.append(segment);
  }
  const verdict = summary.verdict || 'unknown';
  const parts = [section('Verdict', h('div', {class: 'verdict-row'},
    h('span', {class: ['verdict', `verdict-${verdict}`], id: 'vt-verdict'}, verdict),
    h('span', {class: 'muted'}, `${summary.malicious ?? 0} of ${total} engines say malicious`)), bar,
  h('ul', {class: 'legend', id: 'vt-counts'}, COUNTS.map(k => h('li', {}, h('span', {class: `swatch ${k}`}),
    `${k}: ${summary[k] ?? 0}`))),
  facts([
    ['Object', `${data.object_type || ''} ${data.id || ''}`.trim()],
    ['Reputation', data.reputation],
    ['Last analysis', data.last_analysis_date ? formatTime(data.last_analysis_date) : undefined],
    ['Categories', data.categories && Object.keys(data.categories).length
      ? Object.entries(data.categories).map(([vendor, c]) => `${c} (${vendor})`).join('; ') : undefined],
    ['Tags', data.tags?.length ? show(data.tags) : undefined],
    ['Registrar', data.registrar], ['AS owner', data.as_owner], ['ASN', data.asn], ['Country', data.country],
    ['Network', data.network], ['URL', data.url], ['Final URL', data.last_final_url], ['Title', data.title],
    ['Name', data.meaningful_name], ['Type', data.type_description], ['Size', data.size],
    ['SHA-256', data.sha256], ['SHA-1', data.sha1], ['MD5', data.md5],
  ]))];
  const flagged = data.flagged_engines || [];
  parts.push(section(`Engines that flagged it (${flagged.length})`, dataTable([
    {label: 'Engine', value: e => e.engine_name},
    {label: 'Category', value: e => e.category,
      render: e => h('span', {class: ['badge', e.category === 'malicious' ? 'state-failure' : 'state-retry']}, e.category)},
    {label: 'Result', value: e => e.result},
  ], flagged, {id: 'vt-engines', empty: 'No engine flagged it.'})));
  return parts;
}
