// haveibeenpwned: each breach as a card; a password hash as pwned or not.
import {formatNumber, h, picture, section, show} from '../dom.js';

export function hibpView(data) {
  if ('pwned' in data) {
    return [section('Pwned Passwords', h('p', {class: ['verdict', data.pwned ? 'verdict-malicious' : 'verdict-clean'],
      id: 'pwned'}, data.pwned ? `seen ${formatNumber(data.count)} times in breaches` : 'not seen in any breach'),
    h('p', {class: 'muted small'}, `Only the first five hex digits (${data.prefix_sent || '?'}) left the server.`))];
  }
  const breaches = data.breaches || [];
  return [section(`Breaches (${breaches.length})`, h('div', {class: 'cards', id: 'breaches'},
    breaches.map(breachCard)))];
}

function breachCard(b) {
  const flags = [['verified', b.is_verified], ['fabricated', b.is_fabricated], ['sensitive', b.is_sensitive],
    ['retired', b.is_retired], ['spam list', b.is_spam_list], ['malware', b.is_malware]]
    .filter(([, on]) => on).map(([name]) => h('span', {class: 'tag'}, name));
  return h('article', {class: 'breach'},
    h('header', {}, picture(b.logo_path, '', 'logo'), h('div', {},
      h('h3', {}, b.title || b.name), h('p', {class: 'muted small'}, [b.domain, b.breach_date].filter(Boolean).join(' · ')))),
    h('p', {}, h('strong', {}, formatNumber(b.pwn_count)), ' accounts'),
    b.data_classes?.length ? h('p', {class: 'small'}, 'Exposed: ', show(b.data_classes)) : null,
    b.description ? h('p', {class: 'small description'}, plainText(b.description)) : null,
    flags.length ? h('p', {}, flags) : null);
}

/**
 * HIBP writes descriptions in HTML (links, emphasis). They are shown as text: the markup is parsed in an inert
 * document, which runs no script and loads nothing, and only its text is kept.
 */
export function plainText(html) {
  return new DOMParser().parseFromString(String(html), 'text/html').body.textContent || '';
}
