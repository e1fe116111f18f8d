// The dashboard's entry: a hash router (#/, #/tasks, #/task/ID, #/scan) that draws one page at a time.
import {fill, h, remoteImagesAllowed, setRemoteImagesAllowed} from './dom.js';
import {connect, onStatus} from './live.js';
import {onUnauthorized} from './api.js';
import {askForKey, showSession} from './session.js';
import * as overview from './pages/overview.js';
import * as tasks from './pages/tasks.js';
import * as task from './pages/task.js';
import * as scan from './pages/scan.js';
import * as history from './pages/history.js';
import * as entity from './pages/entity.js';
import * as diff from './pages/diff.js';

const routes = [
  {pattern: /^\/?$/, page: overview, nav: 'overview'},
  {pattern: /^\/tasks$/, page: tasks, nav: 'tasks'},
  {pattern: /^\/task\/([^/]+)$/, page: task, nav: 'tasks'},
  {pattern: /^\/scan$/, page: scan, nav: 'scan'},
  {pattern: /^\/history$/, page: history, nav: 'history'},
  {pattern: /^\/entity$/, page: entity, nav: 'history'},
  {pattern: /^\/diff$/, page: diff, nav: 'history'},
];

const container = document.getElementById('page');
let cleanup = null;

function currentRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, search = ''] = hash.split('?');
  for (const route of routes) {
    const match = path.match(route.pattern);
    if (match) return {route, args: match.slice(1), params: new URLSearchParams(search)};
  }
  return null;
}

let drawing = 0;

async function draw() {
  const thisDraw = ++drawing;
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const found = currentRoute();
  document.querySelectorAll('#nav a').forEach(a =>
    a.classList.toggle('active', Boolean(found) && a.dataset.page === found.route.nav));
  if (!found) {
    fill(container, h('section', {class: 'card'}, h('h2', {}, 'Not found'),
      h('p', {}, 'No such page. ', h('a', {href: '#/'}, 'Back to the overview'), '.')));
    return;
  }
  const view = h('div', {class: 'view'});
  fill(container, view);
  try {
    const stop = (await found.route.page.render(view, found.params, ...found.args)) || null;
    // the hash changed while this page was loading: its streams are stopped now, not left open beside the next page
    if (thisDraw === drawing) cleanup = stop;
    else stop?.();
  } catch (e) {
    console.error(e);
    fill(view, h('section', {class: 'card error'}, h('h2', {}, 'This page could not be shown'),
      h('p', {}, e.message || String(e))));
  }
}

const liveLabel = document.getElementById('live');
const LIVE_TEXT = {
  connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…',
  unavailable: 'live updates unavailable',
};
onStatus(status => {
  liveLabel.textContent = LIVE_TEXT[status] || status;
  liveLabel.dataset.status = status;
});

const pictures = document.getElementById('remote-images');
pictures.checked = remoteImagesAllowed();
pictures.addEventListener('change', () => {
  setRemoteImagesAllowed(pictures.checked);
  draw();
});

onUnauthorized(() => askForKey());
connect();
showSession(document.getElementById('session'));

window.addEventListener('hashchange', draw);
draw();
