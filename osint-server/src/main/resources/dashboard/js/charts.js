// Live charts of finished tasks (uPlot): throughput, run-time percentiles and failures per collector.
import {h} from './dom.js';
import {loadUPlot} from './lib.js';

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569',
  '#ea580c'];

export function colour(i) {
  return PALETTE[i % PALETTE.length];
}

/**
 * A chart that keeps its series; update(times, [{label, values, colour}]) redraws it, and recreates it when the
 * set of series changes.
 */
export function lineChart(title, {unit = '', yLabel = ''} = {}) {
  const plotArea = h('div', {class: 'chart-plot'});
  const element = h('figure', {class: 'chart'}, h('figcaption', {}, title), plotArea);
  let plot = null;
  let labels = '';
  let uPlotClass = null;
  const observer = new ResizeObserver(() => {
    if (plot) plot.setSize(size());
  });
  observer.observe(plotArea);

  function size() {
    return {width: Math.max(240, plotArea.clientWidth), height: 180};
  }

  async function update(times, series) {
    uPlotClass ??= await loadUPlot();
    const key = series.map(s => s.label).join('\u0000');
    const data = [times, ...series.map(s => s.values)];
    if (plot && key === labels) {
      plot.setData(data);
      return;
    }
    plot?.destroy();
    labels = key;
    plot = new uPlotClass({
      ...size(),
      cursor: {drag: {x: false, y: false}},
      legend: {live: true},
      scales: {x: {time: true}, y: {range: (u, min, max) => [0, Math.max(1, max * 1.1)]}},
      axes: [{}, {label: yLabel, size: 60, values: (u, ticks) => ticks.map(t => `${formatTick(t)}${unit}`)}],
      series: [{}, ...series.map((s, i) => ({label: s.label, stroke: s.colour || colour(i), width: 2,
        spanGaps: s.spanGaps ?? false, points: {show: true, size: 4}}))],
    }, data, plotArea);
  }

  return {element, update, destroy: () => { observer.disconnect(); plot?.destroy(); }};
}

function formatTick(value) {
  if (value >= 1000) return `${(value / 1000).toFixed(value >= 10000 ? 0 : 1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
