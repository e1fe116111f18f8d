// One task: its request, options, state history, retries, progress, worker, result or error, with revoke and
// retry. Follows the task's own event stream while it runs.
import {facts, fill, formatDuration, formatTime, h, section, show, stateBadge} from '../dom.js';
import * as API from '../api.js';
import {followTask} from '../live.js';
import {progressBar} from './tasks.js';
import {renderResult} from '../results/index.js';

export async function render(view, params, rawId) {
  const id = decodeURIComponent(rawId);
  let task;
  try {
    task = await API.scanStatus(id);
  } catch (e) {
    fill(view, h('section', {class: 'card error'}, h('h2', {}, 'Task not found'),
      h('p', {}, e.status === 404 ? `No task ${id}: it never existed or its result expired.` : e.message),
      h('p', {}, h('a', {href: '#/tasks'}, 'All tasks'))));
    return null;
  }
  const header = h('div', {class: 'task-header'});
  const details = h('div', {class: 'task-details'});
  const outcome = h('div', {class: 'task-outcome'});
  fill(view, header, details, outcome);

  let stopFollowing = null;
  let drawnFinal = false;
  let headerDrawnFor = null;
  const draw = () => {
    // progress arrives about ten times a second: the header (and its Revoke button) is drawn again only when
    // what it shows changes, so that a click is never lost on a button replaced under the pointer
    const headerKey = JSON.stringify([task.status, task.target, task.meta?.target, task.collector_type,
      task.meta?.collector_type]);
    if (headerKey !== headerDrawnFor) {
      fill(header, taskHeader(task, {onRevoke: revoke, onRetry: retry}));
      headerDrawnFor = headerKey;
    }
    fill(details, taskDetails(task));
    if (API.isFinal(task.status)) {
      if (!drawnFinal) fill(outcome, taskOutcome(task));
      drawnFinal = true;
    } else {
      fill(outcome, h('section', {class: 'card'}, h('h2', {}, 'Progress'),
        progressBar(task.progress, task.status), h('p', {class: 'muted', id: 'task-stage'},
          task.status === 'RETRY' ? `waiting to retry: ${task.meta?.reason || ''}` : (task.meta?.stage || task.status))));
    }
  };

  async function revoke(button) {
    button.disabled = true;
    try {
      await API.cancelScan(id);
    } catch (e) {
      button.disabled = false;
      alertIn(header, `Revoke failed: ${e.message}`);
    }
  }

  async function retry(button) {
    button.disabled = true;
    try {
      const accepted = await API.retryScan(id);
      location.hash = `#/task/${encodeURIComponent(accepted.task_id)}`;
    } catch (e) {
      button.disabled = false;
      alertIn(header, `Retry failed: ${e.message}`);
    }
  }

  draw();
  if (!API.isFinal(task.status)) {
    stopFollowing = followTask(id, async status => {
      if (!status) return;
      task = {...task, ...status};
      if (API.isFinal(status.status)) {
        // the final record has the whole history, finish time and result
        try {
          task = await API.scanStatus(id);
        } catch {
          // keep what the stream said
        }
      }
      draw();
    });
  }
  return () => stopFollowing?.();
}

function alertIn(container, message) {
  container.append(h('p', {class: 'error', role: 'alert'}, message));
}

function taskHeader(task, {onRevoke, onRetry}) {
  const final = API.isFinal(task.status);
  const revoke = h('button', {type: 'button', class: 'danger', id: 'revoke', hidden: final,
    on: {click: e => onRevoke(e.currentTarget)}}, 'Revoke');
  const retry = h('button', {type: 'button', class: 'secondary', id: 'retry', hidden: !final,
    on: {click: e => onRetry(e.currentTarget)}}, 'Retry');
  return h('section', {class: 'card'},
    h('div', {class: 'title-row'},
      h('h2', {}, stateBadge(task.status), ' ', h('span', {class: 'mono', id: 'task-target'},
        task.target || task.meta?.target || ''), ' ', h('span', {class: 'muted'}, task.collector_type || task.meta?.collector_type || '')),
      h('div', {class: 'actions'}, revoke, retry)),
    h('p', {class: 'muted small mono'}, task.task_id));
}

function taskDetails(task) {
  const started = Date.parse(task.started_at);
  const finished = Date.parse(task.finished_at);
  const runtime = Number.isNaN(started) ? null : (Number.isNaN(finished) ? Date.now() : finished) - started;
  const request = section('Request', facts([
    ['Collector', task.collector_type ?? task.meta?.collector_type],
    ['Target', task.target ?? task.meta?.target],
    ['Queue', task.queue],
    ['Priority', task.priority],
    ['Worker', task.worker],
    ['Retries', task.retries ?? task.meta?.retries],
    ['Parent task', task.parent_id ? h('a', {href: `#/task/${encodeURIComponent(task.parent_id)}`}, task.parent_id) : undefined],
    ['Submitted', task.created_at ? formatTime(task.created_at) : undefined],
    ['Started', task.started_at ? formatTime(task.started_at) : undefined],
    ['Finished', task.finished_at ? formatTime(task.finished_at) : undefined],
    ['Run time', runtime === null ? undefined : formatDuration(runtime)],
  ]), optionsTable(task.options));
  return h('div', {class: 'columns'}, request, section('State history', historyTable(task)));
}

function optionsTable(options) {
  const entries = Object.entries(options || {});
  if (!entries.length) return h('p', {class: 'muted small'}, 'No options.');
  return h('div', {}, h('h3', {}, 'Options'), facts(entries.map(([name, value]) => [name, show(value)])));
}

function historyTable(task) {
  const history = Array.isArray(task.history) ? task.history : [];
  if (!history.length) return h('p', {class: 'muted'}, `Now ${task.status}; this server keeps no state history.`);
  const first = Date.parse(history[0].at);
  return h('ol', {class: 'history', id: 'task-history'}, history.map(step => h('li', {},
    stateBadge(step.state), ' ', h('time', {datetime: step.at}, formatTime(step.at)),
    ' ', h('span', {class: 'muted small'}, `+${formatDuration(Date.parse(step.at) - first)}`))));
}

function taskOutcome(task) {
  if (task.status === 'SUCCESS' && task.result) return renderResult(task.collector_type, task.result, task);
  return h('section', {class: 'card error', id: 'task-error'}, h('h2', {}, task.status === 'REVOKED' ? 'Revoked' : 'Failed'),
    h('pre', {class: 'wrap'}, task.error || 'no error text'));
}
