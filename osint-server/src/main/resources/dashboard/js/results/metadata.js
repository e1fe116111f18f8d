// metadata: where, when, on what device and by whom a file was made, with a map link for its coordinates.
import {dataTable, facts, h, link, section, show} from '../dom.js';
import {dataTree} from './tree.js';

export function metadataView(data) {
  const gps = coordinates(data);
  const parts = [];
  parts.push(section('File', facts([
    ['Type', data.format || data.file_type || data.mime_type],
    ['Size', data.size ?? data.file_size],
    ['SHA-256', data.sha256 || data.hashes?.sha256],
    ['SHA-1', data.sha1 || data.hashes?.sha1],
    ['MD5', data.md5 || data.hashes?.md5],
  ])));
  if (gps) {
    const map = `https://www.openstreetmap.org/?mlat=${gps.lat}&mlon=${gps.lon}#map=16/${gps.lat}/${gps.lon}`;
    parts.push(section('Location', h('p', {class: 'coordinates', id: 'coordinates'},
      h('span', {class: 'mono'}, `${gps.lat.toFixed(6)}, ${gps.lon.toFixed(6)}`),
      gps.altitude !== undefined ? ` · altitude ${gps.altitude} m` : '', ' · ',
      link(data.map_url || data.gps?.map_url || map, 'open in OpenStreetMap'))));
  }
  const device = data.device || {};
  const person = data.author || data.people || {};
  parts.push(section('Device, software and people', facts([
    ['Make', device.make ?? data.make], ['Model', device.model ?? data.model],
    ['Serial', device.serial ?? data.serial], ['Lens', device.lens ?? data.lens],
    ['Software', data.software], ['Created', data.created ?? data.original_time ?? data.times?.original],
    ['Modified', data.modified ?? data.modified_time ?? data.times?.modified],
    ['Author', typeof person === 'string' ? person : person.author ?? data.creator],
    ['Last edited by', data.last_modified_by ?? person.last_modified_by],
    ['Company', data.company ?? person.company],
  ])));
  const found = ['emails', 'usernames', 'urls'].filter(k => Array.isArray(data[k]) && data[k].length);
  if (found.length) {
    parts.push(section('Found in the fields', facts(found.map(k => [k, show(data[k])]))));
  }
  const tags = data.tags || data.raw || data.directories;
  if (tags && typeof tags === 'object') {
    const rows = Object.entries(tags).flatMap(([directory, fields]) => (fields && typeof fields === 'object'
      ? Object.entries(fields).map(([name, value]) => ({directory, name, value: show(value)}))
      : [{directory, name: '', value: show(fields)}]));
    parts.push(h('details', {class: 'card'}, h('summary', {}, `Every tag (${rows.length})`),
      dataTable([
        {label: 'Directory', value: r => r.directory},
        {label: 'Tag', value: r => r.name},
        {label: 'Value', value: r => r.value, className: 'wrap'},
      ], rows, {filter: true, id: 'metadata-tags'})));
  } else if (!parts.length) {
    parts.push(section('Data', dataTree(data)));
  }
  return parts;
}

/** Latitude and longitude in decimal degrees from the shapes a metadata result may use. */
function coordinates(data) {
  const g = data.gps || data.location || data.coordinates || data;
  const lat = Number(g.latitude ?? g.lat);
  const lon = Number(g.longitude ?? g.lon ?? g.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || (g.latitude ?? g.lat) === undefined) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return {lat, lon, altitude: g.altitude};
}
