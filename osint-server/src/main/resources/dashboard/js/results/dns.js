// dns: the records as a table, the mail policy (SPF, DMARC), DNSSEC, zone transfers, wildcard and brute force.
import {dataTable, facts, h, section, show} from '../dom.js';

export function dnsView(data) {
  const records = data.dns_records || [];
  const parts = [section(`DNS records (${records.length})`, dataTable([
    {label: 'Type', value: r => r.type},
    {label: 'Name', value: r => r.name, className: 'mono'},
    {label: 'Value', value: r => r.value, className: 'mono wrap'},
    {label: 'TTL', value: r => r.ttl, className: 'num'},
    {label: 'Priority', value: r => r.priority, className: 'num'},
  ], records, {filter: records.length > 10, id: 'dns-records', empty: 'No records.'}))];
  parts.push(section('Mail policy', h('div', {class: 'columns'}, spf(data.spf), dmarc(data.dmarc))));
  parts.push(section('Name servers and DNSSEC', facts([
    ['Name servers', show(data.nameservers)],
    ['DNSSEC', data.dnssec ? (data.dnssec.enabled ? 'signed' : 'not signed') : undefined],
    ['DNSKEYs', data.dnssec?.dnskeys?.length ? data.dnssec.dnskeys.map(k =>
      `${k.role || ''} tag ${k.key_tag} alg ${k.algorithm}`).join(', ') : undefined],
    ['Wildcard', data.wildcard ? (data.wildcard.detected ? `yes: ${show(data.wildcard.ips)}` : 'no') : undefined],
  ]), zoneTransfers(data.zone_transfer)));
  if (data.bruteforce) parts.push(bruteforce(data.bruteforce));
  return parts;
}

function spf(policy) {
  if (!policy) return h('div', {}, h('h3', {}, 'SPF'), h('p', {class: 'muted'}, 'No SPF record.'));
  return h('div', {id: 'spf'}, h('h3', {}, 'SPF'), facts([
    ['all', policy.all], ['ip4', show(policy.ip4)], ['ip6', show(policy.ip6)], ['includes', show(policy.includes)],
    ['DNS lookups', policy.dns_lookups], ['problems', show(policy.problems)],
  ]));
}

function dmarc(policy) {
  if (!policy) return h('div', {}, h('h3', {}, 'DMARC'), h('p', {class: 'muted'}, 'No DMARC record.'));
  return h('div', {id: 'dmarc'}, h('h3', {}, 'DMARC'), facts([
    ['policy', policy.policy], ['subdomain policy', policy.subdomain_policy], ['pct', policy.pct],
    ['aggregate reports (rua)', show(policy.rua)], ['failure reports (ruf)', show(policy.ruf)],
    ['DKIM alignment', policy.adkim], ['SPF alignment', policy.aspf], ['fo', show(policy.fo)],
  ]));
}

function zoneTransfers(transfers) {
  const rows = Object.entries(transfers || {}).map(([server, t]) => ({server, ...t}));
  if (!rows.length) return null;
  return h('div', {}, h('h3', {}, 'Zone transfers (AXFR)'), dataTable([
    {label: 'Name server', value: r => r.server, className: 'mono'},
    {label: 'Status', value: r => r.status,
      render: r => h('span', {class: ['badge', r.status === 'open' ? 'state-failure' : 'state-pending']}, r.status)},
    {label: 'Address', value: r => r.address, className: 'mono'},
    {label: 'Records', value: r => (Array.isArray(r.records) ? r.records.length : r.record_count), className: 'num'},
  ], rows, {id: 'zone-transfers'}));
}

function bruteforce(result) {
  const found = result.found || [];
  return section(`Subdomains by brute force (${found.length})`, facts([
    ['Names tried', result.names_tried], ['Server', result.server], ['Filtered as wildcard', result.wildcard_filtered],
    ['Unanswered', result.unanswered], ['Names per second', result.names_per_second],
  ]), dataTable([
    {label: 'Name', value: f => f.name, className: 'mono'},
    {label: 'Addresses', value: f => show(f.ips), className: 'mono wrap'},
    {label: 'CNAMEs', value: f => show(f.cnames), className: 'mono wrap'},
  ], found, {filter: true, id: 'bruteforce-found'}));
}
