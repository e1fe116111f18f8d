// A scan result drawn for people: the collector's own view, its entities, and the raw JSON one click away,
// with downloads of the result (JSON) and its entities (CSV).
import {dataTable, download, facts, formatTime, h, section, show} from '../dom.js';
import {dnsView} from './dns.js';
import {crtshView} from './crtsh.js';
import {shodanView} from './shodan.js';
import {whoisView} from './whois.js';
import {virustotalView} from './virustotal.js';
import {hibpView} from './haveibeenpwned.js';
import {socialView} from './social.js';
import {usernameView} from './username.js';
import {securitytrailsView} from './securitytrails.js';
import {identityView} from './identity.js';
import {metadataView} from './metadata.js';
import {dataTree} from './tree.js';

const VIEWS = {
  dns: dnsView,
  crtsh: crtshView,
  shodan: shodanView,
  whois: whoisView,
  virustotal: virustotalView,
  haveibeenpwned: hibpView,
  social: socialView,
  username: usernameView,
  securitytrails: securitytrailsView,
  identity: identityView,
  metadata: metadataView,
};

/** The collector type of a result whose task did not say (collector_name is e.g. DNSCollector). */
const BY_NAME = {
  DNSCollector: 'dns', CrtshCollector: 'crtsh', ShodanCollector: 'shodan', WhoisCollector: 'whois',
  VirusTotalCollector: 'virustotal', HaveIBeenPwnedCollector: 'haveibeenpwned', SocialProfileCollector: 'social',
  UsernameCollector: 'username', SecurityTrailsCollector: 'securitytrails', IdentityCollector: 'identity',
  MetadataCollector: 'metadata',
};

export function renderResult(type, result, task = {}) {
  const kind = type || BY_NAME[result.collector_name];
  const view = VIEWS[kind];
  const data = result.data || {};
  let body;
  try {
    body = view ? view(data, result) : [section('Data', dataTree(data))];
  } catch (e) {
    // a result of an unexpected shape still shows, as a tree
    console.error('drawing the result', e);
    body = [section('Data', h('p', {class: 'muted'}, `This result could not be drawn as a ${kind} result (${e.message}).`),
      dataTree(data))];
  }
  return h('div', {class: 'result', id: 'result', dataset: {collector: kind || 'unknown'}},
    resultHeader(kind, result, task), ...[body].flat(), entitiesSection(result.entities || []),
    metadataSection(result.metadata), rawJson(result));
}

function resultHeader(kind, result, task) {
  const base = `${kind || 'scan'}-${safeName(result.target || task.target || 'result')}`;
  const found = result.success !== false;
  return h('section', {class: ['card', 'result-header', found ? '' : 'not-found']},
    h('div', {class: 'title-row'},
      h('h2', {}, found ? 'Result' : 'Nothing found'),
      h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', id: 'show-raw', on: {click: () => {
          const raw = document.getElementById('raw-json');
          raw.open = true;
          raw.scrollIntoView({behavior: 'smooth'});
        }}}, 'Raw JSON'),
        h('button', {type: 'button', class: 'secondary', id: 'download-json', on: {click: () =>
          download(`${base}.json`, JSON.stringify(result, null, 2), 'application/json')}}, 'Download JSON'),
        h('button', {type: 'button', class: 'secondary', id: 'download-csv', on: {click: () =>
          download(`${base}-entities.csv`, entitiesCsv(result.entities || []), 'text/csv')}}, 'Entities CSV'))),
    found ? null : h('p', {class: 'reason'}, result.metadata?.reason || 'The collector found nothing.'),
    facts([['Collector', result.collector_name], ['Target', result.target], ['Finished', formatTime(result.timestamp)],
      ['Entities', String((result.entities || []).length)]]));
}

function safeName(text) {
  return String(text).replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
}

function entitiesSection(entities) {
  if (!entities.length) return null;
  return h('section', {class: 'card'}, h('h2', {}, `Entities (${entities.length})`),
    dataTable([
      {label: 'Kind', value: e => e.kind},
      {label: 'Value', value: e => e.value, className: 'mono wrap'},
      {label: 'Source', value: e => e.source},
      {label: 'Confidence', value: e => e.confidence, render: e => (typeof e.confidence === 'number'
        ? e.confidence.toFixed(2) : show(e.confidence)), className: 'num'},
      {label: 'Attributes', value: e => attributesText(e.attributes), className: 'small wrap'},
    ], entities, {filter: true, id: 'entity-table'}));
}

function attributesText(attributes) {
  return Object.entries(attributes || {}).map(([k, v]) => `${k}: ${show(v)}`).join('; ');
}

function metadataSection(metadata) {
  if (!metadata || !Object.keys(metadata).length) return null;
  const details = h('details', {class: 'card'}, h('summary', {}, 'Scan metadata'), dataTree(metadata));
  return details;
}

function rawJson(result) {
  return h('details', {class: 'card raw', id: 'raw-json'}, h('summary', {}, 'Raw JSON'),
    h('pre', {class: 'json'}, JSON.stringify(result, null, 2)));
}

/** Entities as CSV (RFC 4180); a cell that a spreadsheet would run as a formula is prefixed with a quote. */
export function entitiesCsv(entities) {
  const lines = [['kind', 'value', 'source', 'confidence', 'attributes']];
  for (const e of entities) {
    lines.push([e.kind, e.value, e.source, e.confidence ?? '', e.attributes && Object.keys(e.attributes).length
      ? JSON.stringify(e.attributes) : '']);
  }
  return lines.map(cells => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value) {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
