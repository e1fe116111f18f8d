// A list of subdomains that sorts and filters as you type.
import {dataTable} from '../dom.js';

export function subdomainList(names, id = 'subdomains') {
  const rows = names.map(name => ({name, depth: name.split('.').length}));
  return dataTable([
    {label: 'Subdomain', value: r => r.name, className: 'mono'},
    {label: 'Labels', value: r => r.depth, className: 'num'},
  ], rows, {filter: true, id, empty: 'No subdomains.'});
}
