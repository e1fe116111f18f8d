// The scan workbench: a form built from GET /api/v1/collectors (kinds, options with types, defaults and bounds,
// checked as you type), live progress after submit, and the result drawn for the collector.
import {fill, formatTime, h, section, show, stateBadge} from '../dom.js';
import * as API from '../api.js';
import {followTask} from '../live.js';
import {checkTarget} from '../target.js';
import {progressBar} from './tasks.js';
import {renderResult} from '../results/index.js';

export async function render(view, params) {
  let catalogue;
  try {
    catalogue = await API.collectors();
  } catch (e) {
    fill(view, h('section', {class: 'card error'}, h('h2', {}, 'Collectors could not be read'), h('p', {}, e.message)));
    return null;
  }
  const collectors = catalogue.collectors.slice().sort((a, b) => a.type.localeCompare(b.type));
  if (!collectors.length) {
    fill(view, section('New scan', h('p', {}, 'This server has no collectors.')));
    return null;
  }
  const initialType = collectors.some(c => c.type === params.get('type')) ? params.get('type') : collectors[0].type;

  const typeSelect = h('select', {id: 'scan-type', name: 'type'},
    collectors.map(c => h('option', {value: c.type, selected: c.type === initialType}, `${c.type} — ${c.name}`)));
  const target = h('input', {id: 'scan-target', name: 'target', type: 'text', autocomplete: 'off', spellcheck: false,
    required: true, value: params.get('target') || '', 'aria-describedby': 'scan-target-hint'});
  const targetHint = h('p', {class: 'hint', id: 'scan-target-hint', role: 'status'});
  const info = h('div', {class: 'collector-info', id: 'collector-info'});
  const optionsBox = h('fieldset', {class: 'options', id: 'scan-options'});
  const priority = h('select', {id: 'scan-priority', name: 'priority'},
    ['normal', 'high', 'low'].map(p => h('option', {value: p}, p)));
  const submit = h('button', {type: 'submit', class: 'primary', id: 'scan-submit'}, 'Scan');
  const formError = h('div', {class: 'form-error', id: 'scan-error', role: 'alert'});
  const progress = h('div', {id: 'scan-progress'});
  const resultBox = h('div', {id: 'scan-result'});
  let fields = [];
  let stopFollowing = null;

  const current = () => collectors.find(c => c.type === typeSelect.value);

  function checkTargetNow() {
    const collector = current();
    if (!target.value) {
      fill(targetHint, `Accepts ${collector.accepts.join(', ')}.`);
      targetHint.className = 'hint';
      target.removeAttribute('aria-invalid');
      return true;
    }
    const check = checkTarget(target.value, collector.accepts);
    if (check.kind) {
      fill(targetHint, `✓ ${check.kind.replace('_', ' ')}`);
      targetHint.className = 'hint ok';
      target.removeAttribute('aria-invalid');
      return true;
    }
    fill(targetHint, `Target ${check.problem}.`);
    targetHint.className = 'hint bad';
    target.setAttribute('aria-invalid', 'true');
    return false;
  }

  function drawCollector() {
    const collector = current();
    fill(info, collectorInfo(collector));
    fields = collector.options.map(optionField);
    fill(optionsBox, h('legend', {}, collector.options.length ? 'Options' : 'No options'), fields.map(f => f.element));
    checkTargetNow();
  }

  const form = h('form', {class: 'scan-form', id: 'scan-form', novalidate: true, on: {submit: async event => {
    event.preventDefault();
    fill(formError);
    const targetOk = checkTargetNow();
    const optionResults = fields.map(f => f.check());
    if (!targetOk || optionResults.some(r => !r.ok)) {
      fill(formError, 'Fix the fields marked above.');
      return;
    }
    const options = {};
    fields.forEach((f, i) => {
      if (optionResults[i].set) options[f.name] = optionResults[i].value;
    });
    const request = {target: target.value.trim(), type: typeSelect.value, options, priority: priority.value};
    submit.disabled = true;
    stopFollowing?.();
    fill(resultBox);
    try {
      const accepted = await API.submitScan(request);
      history.replaceState(null, '', `#/scan${API.query({type: request.type, target: request.target})}`);
      follow(accepted);
    } catch (e) {
      showProblem(e);
    } finally {
      submit.disabled = false;
    }
  }}},
  h('div', {class: 'field'}, h('label', {for: 'scan-type'}, 'Collector'), typeSelect),
  info,
  h('div', {class: 'field'}, h('label', {for: 'scan-target'}, 'Target'), target, targetHint),
  optionsBox,
  h('div', {class: 'field'}, h('label', {for: 'scan-priority'}, 'Priority'), priority),
  h('div', {class: 'actions'}, submit), formError);

  function showProblem(error) {
    const lines = error.errors.length ? error.errors.map(e => `${e.field}: ${e.problem}`) : [error.message];
    fill(formError, h('strong', {}, error.problem?.title || 'The scan was refused'),
      h('ul', {}, lines.map(line => h('li', {}, line))));
    for (const problem of error.errors) {
      const field = problem.field === 'target' ? targetHint
        : fields.find(f => `options.${f.name}` === problem.field)?.hint;
      if (field) {
        fill(field, problem.problem);
        field.className = 'hint bad';
      }
    }
  }

  function follow(accepted) {
    const id = accepted.task_id;
    const bar = progressBar(0, 'PENDING');
    const state = h('span', {id: 'scan-state'}, stateBadge('PENDING'));
    const stage = h('span', {class: 'muted', id: 'scan-stage'});
    const cancel = h('button', {type: 'button', class: 'danger', id: 'scan-cancel', on: {click: async () => {
      cancel.disabled = true;
      try {
        await API.cancelScan(id);
      } catch (e) {
        fill(stage, `cancel failed: ${e.message}`);
        cancel.disabled = false;
      }
    }}}, 'Cancel');
    fill(progress, h('section', {class: 'card'}, h('div', {class: 'title-row'},
      h('h2', {}, 'Scanning ', h('span', {class: 'mono'}, accepted.target), ' ', h('span', {class: 'muted'}, accepted.collector_type)),
      h('div', {class: 'actions'}, cancel,
        h('a', {class: 'button secondary', href: `#/task/${encodeURIComponent(id)}`, id: 'scan-task-link'}, 'Task details'))),
    h('p', {}, state, ' ', stage), bar));
    stopFollowing = followTask(id, status => {
      if (!status) {
        fill(stage, 'The live stream closed; open the task details to see where it stands.');
        return;
      }
      fill(state, stateBadge(status.status));
      bar.value = API.isFinal(status.status) ? 100 : status.progress || 0;
      bar.className = `state-${status.status.toLowerCase()}`;
      fill(stage, status.status === 'RETRY' ? `retrying: ${status.meta?.reason || ''}`
        : status.meta?.stage || (status.status === 'PENDING' ? 'waiting for a worker' : ''));
      if (API.isFinal(status.status)) {
        cancel.hidden = true;
        fill(stage, status.status === 'SUCCESS' ? '' : status.error || '');
        if (status.status === 'SUCCESS' && status.result) {
          fill(resultBox, renderResult(accepted.collector_type, status.result, {target: accepted.target}));
        }
      }
    });
  }

  typeSelect.addEventListener('change', drawCollector);
  target.addEventListener('input', checkTargetNow);
  fill(view, h('div', {class: 'workbench'}, section('New scan', form),
    h('div', {class: 'workbench-output'}, progress, resultBox)));
  drawCollector();
  return () => stopFollowing?.();
}

function collectorInfo(c) {
  const missing = c.secrets.filter(s => s.required && !s.configured);
  return h('div', {},
    h('p', {}, c.description),
    h('p', {class: 'small muted'}, `Accepts ${c.accepts.join(', ')} · queue ${c.queue}`,
      c.rate_limit ? ` · at most ${c.rate_limit.permits} requests per ${c.rate_limit.period_seconds} s` : ''),
    c.secrets.map(s => h('p', {class: ['small', s.configured ? 'ok' : s.required ? 'bad' : 'muted']},
      s.configured ? `✓ ${s.name} is set` : `${s.name} is not set${s.required ? ' (required)' : ' (optional)'}`,
      !s.configured && s.how_to_get ? ` — ${s.how_to_get}` : '')),
    missing.length ? h('p', {class: 'warning small'}, 'Scans of this collector fail until the key is set where the workers run.') : null,
    upstreamHealth(c.upstreams || []));
}

/** Each upstream the collector calls, with its circuit breakers as this server knows them (OPEN: failing fast). */
function upstreamHealth(upstreams) {
  if (!upstreams.length) return null;
  return h('ul', {class: 'plain small upstreams', id: 'upstream-health'}, upstreams.map(u => h('li', {},
    h('span', {}, u.display_name || u.name), ': ',
    u.circuits?.length ? u.circuits.map((circuit, i) => h('span', {},
      i ? ', ' : '',
      u.circuits.length > 1 ? `${circuit.name} ` : '',
      h('span', {class: ['badge', CIRCUIT_CLASS[circuit.state] || 'state-pending'], dataset: {circuit: circuit.state}},
        circuit.state),
      ` ${circuit.calls} calls, ${circuit.failed_calls} failed`,
      circuit.state === 'OPEN' && circuit.retry_at ? `, retried at ${formatTime(circuit.retry_at)}` : ''))
      : h('span', {class: 'muted'}, 'not called yet'))));
}

const CIRCUIT_CLASS = {CLOSED: 'state-success', HALF_OPEN: 'state-retry', OPEN: 'state-failure'};

/** One option's input, with a check(): {ok, set, value} of what was typed, and the hint under it. */
function optionField(option) {
  const id = `option-${option.name}`;
  const hint = h('p', {class: 'hint', id: `${id}-hint`});
  const settable = option.caller_settable !== false;
  const allowed = Array.isArray(option.allowed_values) && option.allowed_values.length ? option.allowed_values : null;
  const shownDefault = option.default === '' ? 'empty' : show(option.default);
  const describe = [option.type, bounds(option), `default ${shownDefault}`].filter(Boolean).join(' · ');
  let input;
  let read;
  if (option.type === 'boolean') {
    input = h('input', {type: 'checkbox', id, name: option.name, checked: option.default === true});
    read = () => ({value: input.checked, set: input.checked !== (option.default === true)});
  } else if (option.type === 'array' && allowed) {
    const chosen = new Set(Array.isArray(option.default) ? option.default : []);
    input = h('div', {class: 'choices', id}, allowed.map(v => h('label', {class: 'check'},
      h('input', {type: 'checkbox', value: v, checked: chosen.has(v)}), v)));
    read = () => {
      const value = [...input.querySelectorAll('input:checked')].map(i => i.value);
      return {value, set: JSON.stringify(value) !== JSON.stringify(option.default || [])};
    };
  } else if (allowed) {
    input = h('select', {id, name: option.name}, allowed.map(v => h('option', {value: v, selected: v === option.default}, v)));
    read = () => ({value: input.value, set: input.value !== option.default});
  } else {
    const numeric = option.type === 'integer' || option.type === 'number';
    input = h('input', {id, name: option.name, type: numeric ? 'number' : 'text', inputmode: numeric ? 'numeric' : undefined,
      placeholder: option.type === 'array' ? 'comma-separated' : option.default === '' ? '' : show(option.default),
      min: option.minimum, max: option.maximum, step: option.type === 'integer' ? 1 : 'any',
      maxlength: option.type === 'string' ? option.max_length : undefined});
    read = () => {
      const text = input.value.trim();
      if (text === '') return {value: option.default, set: false};
      if (option.type === 'array') return {value: text.split(',').map(s => s.trim()).filter(Boolean), set: true};
      if (numeric) return {value: Number(text), set: true};
      return {value: input.value, set: true};
    };
  }
  if (!settable) {
    input.disabled = true;
    input.querySelectorAll?.('input').forEach(i => { i.disabled = true; });
  }

  function check() {
    const result = read();
    const problem = result.set ? problemOf(option, result.value) : '';
    fill(hint, problem || option.description || '');
    hint.className = problem ? 'hint bad' : 'hint';
    input.toggleAttribute('aria-invalid', Boolean(problem));
    return {...result, ok: !problem};
  }
  input.addEventListener('input', check);
  input.addEventListener('change', check);
  fill(hint, option.description || '');

  const element = h('div', {class: ['field', 'option', option.type === 'boolean' ? 'inline' : ''], dataset: {option: option.name}},
    h('label', {for: id}, option.name, ' ', h('span', {class: 'muted small'}, describe),
      settable ? null : h('span', {class: 'muted small'}, ' · set by the operator')),
    input, hint);
  return {name: option.name, element, hint, check};
}

function bounds(option) {
  const parts = [];
  if (option.minimum !== undefined && option.minimum !== null && option.maximum !== undefined && option.maximum !== null) {
    parts.push(`${option.minimum}–${option.maximum}`);
  } else if (option.minimum !== undefined && option.minimum !== null) parts.push(`≥ ${option.minimum}`);
  else if (option.maximum !== undefined && option.maximum !== null) parts.push(`≤ ${option.maximum}`);
  if (option.max_length) parts.push(`at most ${option.max_length} characters`);
  if (option.max_items) parts.push(`at most ${option.max_items} items`);
  return parts.join(', ');
}

/** What is wrong with a value for an option, as the server would say it; empty when nothing is. */
export function problemOf(option, value) {
  switch (option.type) {
    case 'integer':
      if (!Number.isInteger(value)) return 'expected a whole number';
      break;
    case 'number':
      if (!Number.isFinite(value)) return 'expected a number';
      break;
    case 'array':
      if (option.max_items && value.length > option.max_items) return `at most ${option.max_items} items`;
      if (option.max_length && value.some(v => v.length > option.max_length)) {
        return `each item at most ${option.max_length} characters`;
      }
      if (option.allowed_values?.length) {
        const bad = value.filter(v => !option.allowed_values.includes(v));
        if (bad.length) return `not allowed: ${bad.join(', ')}; allowed: ${option.allowed_values.join(', ')}`;
      }
      return '';
    case 'string':
      if (option.max_length && value.length > option.max_length) return `at most ${option.max_length} characters`;
      return '';
    default:
      return '';
  }
  if (option.minimum !== undefined && option.minimum !== null && value < option.minimum) return `at least ${option.minimum}`;
  if (option.maximum !== undefined && option.maximum !== null && value > option.maximum) return `at most ${option.maximum}`;
  return '';
}
