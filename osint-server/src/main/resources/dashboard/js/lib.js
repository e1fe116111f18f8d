// The libraries the dashboard uses, served from their WebJars in the jar (see Dashboard.java) and loaded only by
// the pages that draw with them. The versions follow the parent pom's uplot.version and cytoscape.version; a
// test checks that these paths answer.
export const UPLOT = '/ui/lib/uplot/1.6.30/dist/uPlot.esm.js';
export const CYTOSCAPE = '/ui/lib/cytoscape/3.33.1/dist/cytoscape.esm.min.mjs';

export async function loadUPlot() {
  return (await import(UPLOT)).default;
}

export async function loadCytoscape() {
  return (await import(CYTOSCAPE)).default;
}
