// When the server asks for an API key (a 401), a dialog takes one and trades it for a session cookie
// (POST /api/v1/session). The key is sent once and never stored by the page; the cookie is HttpOnly.
import {fill, h} from './dom.js';
import {api, DASHBOARD_HEADER} from './api.js';

/** In the top bar: whose session this is, and a button that ends it (nothing when no session is open). */
export async function showSession(container) {
  let who;
  try {
    who = await api('/api/v1/session');
  } catch {
    return; // a 401 opens the dialog; any other failure leaves the bar as it is
  }
  if (!who || !who.session) return;
  fill(container, h('span', {class: 'session-caller', title: who.admin ? 'admin key' : 'API key'}, who.caller),
    h('button', {type: 'button', id: 'logout', class: 'linklike', on: {click: logOut}}, 'Log out'));
  container.hidden = false;
}

async function logOut() {
  await fetch('/api/v1/session', {method: 'DELETE', credentials: 'same-origin', headers: DASHBOARD_HEADER});
  location.reload();
}

let open = false;

export function askForKey() {
  if (open) return;
  open = true;
  const input = h('input', {type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'off', required: true,
    'aria-describedby': 'api-key-help'});
  const message = h('p', {class: 'field-error', role: 'alert'});
  const dialog = h('dialog', {class: 'login', id: 'login'});
  const form = h('form', {on: {submit: async event => {
    event.preventDefault();
    message.textContent = '';
    const response = await fetch('/api/v1/session', {method: 'POST', credentials: 'same-origin',
      headers: {...DASHBOARD_HEADER, 'Content-Type': 'application/json'},
      body: JSON.stringify({api_key: input.value})});
    if (response.ok) {
      input.value = '';
      dialog.close();
      dialog.remove();
      open = false;
      location.reload();
    } else {
      const problem = await response.json().catch(() => ({}));
      message.textContent = problem.detail || `The server refused the key (HTTP ${response.status}).`;
    }
  }}},
  h('h2', {}, 'API key needed'),
  h('p', {id: 'api-key-help'}, 'This server only answers callers with an API key. The key is sent once to open a',
    ' session and is not kept by the page.'),
  h('label', {for: 'api-key'}, 'API key'), input, message,
  h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Open session')));
  dialog.append(form);
  document.body.append(dialog);
  dialog.addEventListener('cancel', event => event.preventDefault());
  dialog.showModal();
  input.focus();
}
