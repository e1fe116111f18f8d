// whois / RDAP: the registration as a card; the raw answer folded away.
import {facts, formatTime, h, section, show} from '../dom.js';

export function whoisView(data, result = {}) {
  const registrant = data.registrant || {};
  const metadata = result.metadata || {};
  const network = data.network;
  const card = h('div', {class: 'whois-card', id: 'whois-card'},
    h('h3', {}, data.registrar || network?.name || 'Registration'),
    facts([
      ['Source', source(data, metadata)],
      ['RDAP not used', data.source === 'whois' ? metadata.rdap_error || metadata.rdap_skipped : undefined],
      ['Registrar', data.registrar], ['Registrar IANA ID', data.registrar_iana_id],
      ['Created', data.created ? formatTime(data.created) : undefined],
      ['Updated', data.updated ? formatTime(data.updated) : undefined],
      ['Expires', data.expires ? formatTime(data.expires) : undefined],
      ['Status', data.status ? show(data.status) : undefined],
      ['Name servers', data.nameservers ? show(data.nameservers) : undefined],
      ['DNSSEC', data.dnssec],
      ['Registrant', registrant.redacted ? 'redacted for privacy'
        : [registrant.organization, registrant.country].filter(Boolean).join(', ') || undefined],
      ['Abuse contact', data.abuse ? [data.abuse.email, data.abuse.phone].filter(Boolean).join(', ') : undefined],
      ['WHOIS server', data.whois_server],
      ['Referral chain', data.referral_chain?.length ? data.referral_chain.join(' → ') : undefined],
    ]),
    network ? h('div', {}, h('h3', {}, 'Network'), facts([
      ['Handle', network.handle], ['Name', network.name],
      ['Range', [network.start_address, network.end_address].filter(Boolean).join(' – ')],
      ['CIDRs', show(network.cidrs)], ['Country', network.country], ['Type', network.type],
    ])) : null);
  const parts = [section('Registration', card)];
  if (data.raw) {
    parts.push(h('details', {class: 'card'}, h('summary', {}, 'Registry answer as received'),
      h('pre', {class: 'wrap small'}, data.raw)));
  }
  return parts;
}

/** Which service answered: RDAP and its server, or port-43 WHOIS and the servers asked in turn. */
function source(data, metadata) {
  if (data.source === 'rdap') return metadata.rdap_server ? `RDAP (${metadata.rdap_server})` : 'RDAP';
  if (data.source === 'whois') {
    const servers = metadata.whois_servers || data.referral_chain || [];
    return servers.length ? `port-43 WHOIS (${servers.join(' → ')})` : 'port-43 WHOIS';
  }
  return data.source;
}
