// crtsh: every name seen in certificate transparency, with first and last certificate, expiry and issuers.
import {dataTable, formatTime, h, section, show} from '../dom.js';

export function crtshView(data) {
  const names = data.names || [];
  const parts = [section(`Certificates: ${names.length} names in ${data.certificate_count ?? '?'} certificates`,
    dataTable([
      {label: 'Name', value: n => n.name, className: 'mono'},
      {label: 'Certificates', value: n => n.certificate_count, className: 'num'},
      {label: 'First seen', value: n => n.first_seen, render: n => formatTime(n.first_seen)},
      {label: 'Last seen', value: n => n.last_seen, render: n => formatTime(n.last_seen)},
      {label: 'Valid until', value: n => n.valid_until, render: n => h('span', {class: n.expired ? 'expired' : ''},
        formatTime(n.valid_until), n.expired ? ' (expired)' : '')},
      {label: 'Issuers', value: n => show(n.issuers), className: 'small wrap'},
    ], names, {filter: true, id: 'crtsh-names'}))];
  if (data.other_names?.length) {
    parts.push(section('Other names on the same certificates', h('p', {class: 'mono wrap'}, show(data.other_names))));
  }
  return parts;
}
