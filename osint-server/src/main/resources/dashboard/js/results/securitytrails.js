// securitytrails: current DNS, subdomains (sortable, filterable) and the A-record history.
import {dataTable, facts, h, section, show} from '../dom.js';
import {subdomainList} from './subdomains.js';

export function securitytrailsView(data) {
  const dns = data.current_dns || {};
  const addresses = [...(dns.a || []), ...(dns.aaaa || [])];
  return [
    section('Current DNS', dataTable([
      {label: 'Address', value: r => r.ip, className: 'mono'},
      {label: 'Organisation', value: r => r.organization},
      {label: 'Seen on', value: r => r.count, className: 'num'},
    ], addresses, {id: 'st-addresses', empty: 'No A or AAAA record.'}), facts([
      ['MX', (dns.mx || []).map(m => `${m.priority ?? ''} ${m.hostname}`.trim()).join(', ') || undefined],
      ['NS', dns.ns?.length ? show(dns.ns) : undefined],
      ['SOA', (dns.soa || []).map(s => s.email).filter(Boolean).join(', ') || undefined],
      ['TXT', dns.txt?.length ? h('ul', {}, dns.txt.map(t => h('li', {class: 'mono wrap'}, t))) : undefined],
    ])),
    section(`Subdomains (${data.subdomain_count ?? (data.subdomains || []).length})`, subdomainList(data.subdomains || [])),
    section('A-record history', dataTable([
      {label: 'Addresses', value: r => show(r.ips), className: 'mono'},
      {label: 'Organisations', value: r => show(r.organizations)},
      {label: 'First seen', value: r => r.first_seen},
      {label: 'Last seen', value: r => r.last_seen || 'still served'},
    ], data.a_history || [], {id: 'st-history'})),
  ];
}
