// shodan: open ports with their services and the CVEs seen on them; for a domain, its subdomains and records.
import {dataTable, facts, formatTime, h, link, section, show} from '../dom.js';
import {subdomainList} from './subdomains.js';

export function shodanView(data, result) {
  if (data.domain && !data.ip) return domainView(data);
  const vulns = (result.entities || []).filter(e => e.kind === 'vulnerability');
  const services = data.services?.length ? data.services
    : (data.ports || []).map(port => ({port}));
  const parts = [section(`Host ${data.ip}`, data.note ? h('p', {class: 'muted small'}, data.note) : null, facts([
    ['Source', data.source === 'internetdb' ? 'Shodan InternetDB (keyless)' : 'Shodan'],
    ['Organisation', data.org], ['ISP', data.isp], ['ASN', data.asn], ['OS', data.os],
    ['Country', data.country_name || data.country_code], ['City', data.city],
    ['Host names', show(data.hostnames)], ['Domains', data.domains ? show(data.domains) : undefined],
    ['Tags', show(data.tags)], ['CPEs', data.cpes ? show(data.cpes) : undefined],
    ['Last update', data.last_update ? formatTime(data.last_update) : undefined],
  ]))];
  parts.push(section(`Open ports (${services.length})`, dataTable([
    {label: 'Port', value: s => s.port, className: 'num'},
    {label: 'Transport', value: s => s.transport},
    {label: 'Service', value: s => s.module},
    {label: 'Product', value: s => [s.product, s.version].filter(Boolean).join(' ')},
    {label: 'CPEs', value: s => show(s.cpes), className: 'small wrap'},
    {label: 'CVEs', value: s => show(s.vulns), className: 'small wrap'},
  ], services, {id: 'shodan-ports', empty: 'No open port seen.'})));
  const rows = vulns.length ? vulns.map(v => ({id: v.value, ...v.attributes}))
    : (data.vulns || []).map(id => ({id}));
  parts.push(section(`Vulnerabilities (${rows.length})`, dataTable([
    {label: 'CVE', value: v => v.id, render: v => link(`https://nvd.nist.gov/vuln/detail/${encodeURIComponent(v.id)}`, v.id)},
    {label: 'CVSS', value: v => v.cvss, className: 'num'},
    {label: 'Verified', value: v => (v.verified === undefined ? '' : v.verified ? 'yes' : 'no')},
    {label: 'Ports', value: v => show(v.ports)},
    {label: 'Summary', value: v => v.summary, className: 'small wrap'},
  ], rows, {filter: rows.length > 10, id: 'shodan-cves', empty: 'No known CVE.'})));
  return parts;
}

function domainView(data) {
  const records = data.records || [];
  return [
    section(`Subdomains of ${data.domain} (${(data.subdomains || []).length})`, subdomainList(data.subdomains || [])),
    section(`DNS records Shodan saw (${records.length})`, dataTable([
      {label: 'Name', value: r => r.name, className: 'mono'},
      {label: 'Type', value: r => r.type},
      {label: 'Value', value: r => r.value, className: 'mono wrap'},
      {label: 'Ports', value: r => show(r.ports)},
      {label: 'Last seen', value: r => r.last_seen, render: r => formatTime(r.last_seen)},
    ], records, {filter: true, id: 'shodan-records'})),
  ];
}
