// social: each public profile as a card with its avatar; platforms with no profile or an error listed below.
import {facts, formatNumber, formatTime, h, link, picture, section} from '../dom.js';

export function socialView(data) {
  const profiles = data.profiles || [];
  const parts = [section(`Profiles (${profiles.length})`, h('div', {class: 'cards', id: 'profiles'},
    profiles.map(profileCard)))];
  const errors = Object.entries(data.errors || {});
  if (data.not_found?.length || errors.length) {
    parts.push(section('Not found or failed', facts([
      ['No profile on', data.not_found?.length ? data.not_found.join(', ') : undefined],
      ...errors.map(([platform, message]) => [platform, message]),
    ])));
  }
  return parts;
}

export function profileCard(p) {
  return h('article', {class: 'profile', dataset: {platform: p.platform || ''}},
    h('header', {},
      picture(p.avatar_url, '', 'avatar') || h('span', {class: 'avatar placeholder', 'aria-hidden': 'true'},
        (p.display_name || p.username || '?').slice(0, 1).toUpperCase()),
      h('div', {},
        h('h3', {class: 'display-name'}, p.display_name || p.username || p.url),
        h('p', {class: 'muted small'}, p.platform, p.username ? ` · @${p.username}` : ''))),
    p.bio ? h('p', {class: 'bio'}, p.bio) : null,
    facts([
      ['Profile', link(p.url)],
      ['Location', p.location],
      ['Followers', p.followers !== undefined ? formatNumber(p.followers) : undefined],
      ['Created', p.created_at ? formatTime(p.created_at) : undefined],
      ['Email', p.email],
    ]),
    p.links?.length ? h('ul', {class: 'links'}, p.links.map(url => h('li', {}, link(url)))) : null);
}
