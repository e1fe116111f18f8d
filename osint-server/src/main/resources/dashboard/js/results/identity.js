// identity: the graph of evidence (cytoscape.js), coloured by kind, each edge labelled with its rule and
// confidence; a click on a node (or its row in the table) shows what links it. Labels are drawn on a canvas as
// text, and the side panel is built with text nodes only.
import {dataTable, facts, fill, formatTime, h, link, section, show, stateBadge} from '../dom.js';
import {loadCytoscape} from '../lib.js';

export const KIND_COLOURS = {
  email: '#2563eb', username: '#7c3aed', account: '#16a34a', domain: '#d97706', person: '#db2777',
  location: '#0891b2', phone: '#ea580c', url: '#475569', breach: '#dc2626',
};
const OTHER = '#64748b';

export function identityView(data) {
  const graph = data.graph || {nodes: [], edges: []};
  const nodes = graph.nodes || [];
  const edges = graph.edges || [];
  const byId = new Map(nodes.map(n => [n.id, n]));
  const panel = h('aside', {class: 'evidence', id: 'evidence', 'aria-live': 'polite'},
    h('p', {class: 'muted'}, 'Click a node to see the evidence that links it.'));
  const canvas = h('div', {class: 'graph', id: 'identity-graph', role: 'img',
    'aria-label': `Identity graph: ${nodes.length} nodes, ${edges.length} links`});

  const select = id => {
    const node = byId.get(id);
    if (!node) return;
    fill(panel, nodePanel(node, edges, byId, select));
    const cy = canvas.cy;
    if (cy) {
      cy.$(':selected').unselect();
      cy.getElementById(id).select();
    }
  };

  drawGraph(canvas, nodes, edges, select);
  const kinds = [...new Set(nodes.map(n => n.kind))].sort();
  const legend = h('ul', {class: 'legend'}, kinds.map(kind => h('li', {},
    h('span', {class: `swatch kind-${kind}`}), kind)));

  const parts = [];
  parts.push(summarySection(data.summary));
  parts.push(section(`Identity graph (${nodes.length} nodes, ${edges.length} links)`, legend,
    h('div', {class: 'graph-layout'}, canvas, panel),
    h('details', {class: 'node-list'}, h('summary', {}, 'Nodes as a table'),
      dataTable([
        {label: 'Kind', value: n => n.kind},
        {label: 'Value', value: n => n.value, render: n => h('button', {type: 'button', class: 'linklike',
          dataset: {node: n.id}, on: {click: () => select(n.id)}}, n.value), className: 'wrap'},
        {label: 'Confidence', value: n => n.attributes?.confidence,
          render: n => confidenceText(n.attributes?.confidence), className: 'num'},
        {label: 'Depth', value: n => n.attributes?.depth, className: 'num'},
        {label: 'Scanned', value: n => (n.attributes?.scanned ? 'yes' : 'no')},
      ], nodes, {filter: true, id: 'identity-nodes'}))));
  if (data.children?.length) parts.push(childrenSection(data));
  return parts;
}

function confidenceText(c) {
  return typeof c === 'number' ? c.toFixed(2) : '–';
}

async function drawGraph(container, nodes, edges, select) {
  let cytoscape;
  try {
    cytoscape = await loadCytoscape();
  } catch (e) {
    fill(container, h('p', {class: 'error'}, `The graph library could not be loaded: ${e.message}`));
    return;
  }
  const ids = new Set(nodes.map(n => n.id));
  const elements = [
    ...nodes.map(n => ({group: 'nodes', data: {id: n.id, label: shorten(n.value, 32), kind: n.kind,
      colour: KIND_COLOURS[n.kind] || OTHER, size: 18 + 22 * (Number(n.attributes?.confidence) || 0.3),
      target: n.attributes?.depth === 0 ? 'yes' : 'no'}})),
    ...edges.filter(e => ids.has(e.from) && ids.has(e.to)).map((e, i) => ({group: 'edges', data: {
      id: `edge-${i}`, source: e.from, target: e.to, label: `${e.rule} ${confidenceText(e.confidence)}`,
      width: 1 + 4 * (Number(e.confidence) || 0)}})),
  ];
  const cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {selector: 'node', style: {
        'background-color': 'data(colour)', label: 'data(label)', width: 'data(size)', height: 'data(size)',
        'font-size': 11, color: '#1f2937', 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 2}},
      {selector: 'node[target = "yes"]', style: {'border-width': 4, 'border-color': '#111827'}},
      {selector: 'node:selected', style: {'border-width': 4, 'border-color': '#f59e0b'}},
      {selector: 'edge', style: {
        width: 'data(width)', 'line-color': '#94a3b8', 'curve-style': 'bezier', label: 'data(label)',
        'font-size': 9, color: '#475569', 'text-rotation': 'autorotate', 'text-background-color': '#ffffff',
        'text-background-opacity': 0.85, 'text-background-padding': 1, 'target-arrow-shape': 'triangle',
        'target-arrow-color': '#94a3b8', 'arrow-scale': 0.8}},
      {selector: 'edge:selected', style: {'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b'}},
    ],
    layout: {name: 'cose', animate: false, nodeRepulsion: () => 400000, idealEdgeLength: () => 150,
      nodeOverlap: 40, gravity: 0.2, componentSpacing: 120, padding: 40, randomize: false},
  });
  // a small graph fitted to the box would be drawn huge: keep text at its own size
  if (cy.zoom() > 1) {
    cy.zoom(1);
    cy.center();
  }
  cy.on('tap', 'node', event => select(event.target.id()));
  new ResizeObserver(() => cy.resize()).observe(container);
  container.cy = cy; // for the page's own code (and its browser tests) to find the graph
  container.dataset.ready = 'true';
}

function shorten(text, max) {
  const s = String(text ?? '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function nodePanel(node, edges, byId, select) {
  const linked = edges.filter(e => e.from === node.id || e.to === node.id)
    .sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0));
  const attributes = {...(node.attributes || {})};
  const confidence = attributes.confidence;
  delete attributes.confidence;
  return h('div', {dataset: {node: node.id}},
    h('h3', {}, h('span', {class: `swatch kind-${node.kind}`}), node.kind),
    h('p', {class: 'node-value wrap'}, /^https?:/.test(node.value) ? link(node.value) : node.value),
    h('p', {class: 'muted small'}, `confidence ${confidenceText(confidence)}`),
    facts(Object.entries(attributes).map(([k, v]) => [k, valueNode(v)])),
    h('h4', {}, `Evidence (${linked.length})`),
    h('ul', {class: 'evidence-list'}, linked.map(e => {
      const other = byId.get(e.from === node.id ? e.to : e.from);
      return h('li', {},
        h('span', {class: 'rule'}, e.rule), ' ', h('span', {class: 'muted'}, confidenceText(e.confidence)), ' ',
        e.from === node.id ? '→ ' : '← ',
        other ? h('button', {type: 'button', class: 'linklike', on: {click: () => select(other.id)}}, other.value)
          : (e.from === node.id ? e.to : e.from),
        e.evidence ? h('div', {class: 'small'}, e.evidence) : null);
    })));
}

/** A value of a node's attributes: addresses as links, lists one item a line. */
function valueNode(value) {
  if (Array.isArray(value)) {
    return h('ul', {class: 'plain'}, value.map(item => h('li', {}, valueNode(item))));
  }
  return typeof value === 'string' && /^https?:/.test(value) ? link(value) : h('span', {}, show(value));
}

function summarySection(summary) {
  if (!summary) return null;
  const ranked = list => h('ol', {class: 'ranked'}, (list || []).map(item =>
    h('li', {}, item.url ? link(item.url) : item.value, ' ', h('span', {class: 'muted small'},
      `${item.platform ? `${item.platform}, ` : ''}${confidenceText(item.confidence)}`))));
  return section('Who this is', h('div', {class: 'columns three'},
    h('div', {}, h('h3', {}, 'Names'), ranked(summary.names)),
    h('div', {}, h('h3', {}, 'Places'), ranked(summary.locations)),
    h('div', {}, h('h3', {}, 'Accounts'), ranked(summary.accounts))));
}

function childrenSection(data) {
  return h('details', {class: 'card'}, h('summary', {},
    `Child scans (${data.children.length}) in ${data.rounds ?? '?'} rounds${data.max_children_reached ? ', limit reached' : ''}`),
  dataTable([
    {label: 'Round', value: c => c.round, className: 'num'},
    {label: 'Collector', value: c => c.type},
    {label: 'Target', value: c => c.target, render: c => (c.task_id
      ? h('a', {href: `#/task/${encodeURIComponent(c.task_id)}`}, c.target) : c.target)},
    {label: 'Purpose', value: c => c.purpose},
    {label: 'State', value: c => c.state, render: c => stateBadge(c.state)},
    {label: 'Error', value: c => c.error || c.reason, className: 'small wrap'},
  ], data.children, {id: 'identity-children'}), data.interrupted ? h('p', {class: 'muted'},
    `Interrupted${data.interrupted_at ? ` at ${formatTime(data.interrupted_at)}` : ''}: the graph holds what was found until then.`) : null);
}
