// metadata: where, when, on what device and by whom a file was made (with an OpenStreetMap link for its
// coordinates), what its fields reveal, then every raw tag by directory.
import {dataTable, facts, formatNumber, h, link, section, show} from '../dom.js';

export function metadataView(data) {
  const file = data.file || {};
  const hashes = data.hashes || {};
  const parts = [section('File', facts([
    ['Name', file.name], ['Address', file.url ? link(file.url) : undefined],
    ['Final address', file.final_url ? link(file.final_url) : undefined],
    ['Type', [file.type, file.mime].filter(Boolean).join(' · ') || undefined],
    ['Size', file.size !== undefined ? `${formatNumber(file.size)} bytes` : undefined],
    ['SHA-256', hashes.sha256], ['SHA-1', hashes.sha1], ['MD5', hashes.md5],
  ]))];
  const gps = coordinates(data.location);
  if (gps) {
    const map = `https://www.openstreetmap.org/?mlat=${gps.lat}&mlon=${gps.lon}#map=16/${gps.lat}/${gps.lon}`;
    parts.push(section('Location', h('p', {class: 'coordinates', id: 'coordinates'},
      h('span', {class: 'mono'}, `${gps.lat.toFixed(6)}, ${gps.lon.toFixed(6)}`),
      typeof gps.altitude === 'number' ? ` · altitude ${gps.altitude} m` : '',
      data.location.source ? ` · from ${data.location.source}` : '', ' · ',
      link(map, 'open in OpenStreetMap'))));
  }
  const device = data.device && typeof data.device === 'object' ? Object.entries(data.device) : [];
  parts.push(section('Device, software, times and people', facts([
    ...device.map(([name, value]) => [name, show(value)]),
    ['Software', data.software],
    ['Created', stamp(data.created)], ['Modified', stamp(data.modified)],
    ...Object.entries(data).filter(([key, value]) => !['created', 'modified'].includes(key) && isStamp(value))
      .map(([key, value]) => [key, stamp(value)]),
    ['Author', data.author], ['Last edited by', data.last_editor], ['Company', data.company],
    ...Object.entries(data.document || {}).map(([name, value]) => [name, show(value)]),
  ])));
  const clues = ['emails', 'usernames', 'urls'].filter(k => Array.isArray(data[k]) && data[k].length);
  if (clues.length) {
    parts.push(section('Found in the fields', facts(clues.map(k => [k, k === 'urls'
      ? h('ul', {class: 'plain'}, data[k].map(u => h('li', {}, link(u)))) : show(data[k])]))));
  }
  if (data.warnings?.length) parts.push(section('Warnings', h('ul', {}, data.warnings.map(w => h('li', {}, w)))));
  const rows = Object.entries(data.tags || {}).flatMap(([directory, tags]) => (tags && typeof tags === 'object'
    ? Object.entries(tags).map(([name, value]) => ({directory, name, value: show(value)}))
    : [{directory, name: '', value: show(tags)}]));
  if (rows.length) {
    parts.push(h('details', {class: 'card'}, h('summary', {},
      `Every tag (${rows.length}${data.tags_truncated ? ', cut short' : ''})`),
    dataTable([
      {label: 'Directory', value: r => r.directory},
      {label: 'Tag', value: r => r.name},
      {label: 'Value', value: r => r.value, className: 'wrap'},
    ], rows, {filter: true, id: 'metadata-tags'})));
  }
  return parts;
}

function isStamp(value) {
  return value && typeof value === 'object' && 'value' in value && 'local' in value;
}

/** A time as the file gives it, with its offset when known: {value, local, offset, source}. */
function stamp(value) {
  if (!value) return undefined;
  if (typeof value === 'string') return value;
  return `${value.value}${value.offset ? '' : ' (no offset)'}${value.source ? ` · ${value.source}` : ''}`;
}

/** Latitude and longitude in decimal degrees, when they are real coordinates. */
function coordinates(location) {
  if (!location || typeof location !== 'object') return null;
  const lat = Number(location.latitude);
  const lon = Number(location.longitude);
  if (location.latitude === null || location.latitude === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)
    || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return {lat, lon, altitude: location.altitude};
}
