// Figures for the live charts, computed in the page from finished tasks: how many ended per interval, how long
// they ran (percentiles) and how many failed, per collector. Tasks come from the task list when the page opens
// and from the event stream after that.

export const WINDOW_MS = 10 * 60 * 1000;
export const BUCKET_MS = 15 * 1000;

/** The p-th percentile (0–100) of sorted numbers, nearest rank; null for none. */
export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Finished tasks of the last minutes, each counted once whether it came from the list or an event. */
export class FinishedTasks {
  constructor(windowMs = WINDOW_MS) {
    this.windowMs = windowMs;
    this.byId = new Map();
    this.startedAt = new Map();
  }

  /** Remembers when a task started, to know its run time when it ends. */
  started(id, atMs) {
    this.startedAt.set(id, atMs);
  }

  /** A final state: {id, type, state, at (ms), runtimeMs (or null)}. */
  finished({id, type, state, at, runtimeMs}) {
    const started = this.startedAt.get(id);
    this.startedAt.delete(id);
    const runtime = runtimeMs ?? (started !== undefined ? at - started : null);
    this.byId.set(id, {id, type, state, at, runtimeMs: runtime});
  }

  prune(now) {
    for (const [id, task] of this.byId) if (task.at < now - this.windowMs) this.byId.delete(id);
    for (const [id, at] of this.startedAt) if (at < now - 2 * this.windowMs) this.startedAt.delete(id);
  }

  types() {
    return [...new Set([...this.byId.values()].map(t => t.type))].sort();
  }

  /**
   * Per bucket of bucketMs ending at now: times (s), finished per minute, run-time percentiles (ms),
   * and failures per collector type.
   */
  series(now, bucketMs = BUCKET_MS) {
    this.prune(now);
    const count = Math.ceil(this.windowMs / bucketMs);
    const end = Math.ceil(now / bucketMs) * bucketMs;
    const start = end - count * bucketMs;
    const times = [];
    const finished = new Array(count).fill(0);
    const runtimes = Array.from({length: count}, () => []);
    const types = this.types();
    const failures = Object.fromEntries(types.map(t => [t, new Array(count).fill(0)]));
    for (let i = 0; i < count; i++) times.push((start + (i + 1) * bucketMs) / 1000);
    for (const task of this.byId.values()) {
      const i = Math.floor((task.at - start) / bucketMs);
      if (i < 0 || i >= count) continue;
      finished[i]++;
      if (task.state === 'SUCCESS' && task.runtimeMs !== null && task.runtimeMs >= 0) runtimes[i].push(task.runtimeMs);
      if (task.state === 'FAILURE') failures[task.type][i]++;
    }
    const perMinute = finished.map(n => (n * 60000) / bucketMs);
    const sorted = runtimes.map(list => list.sort((a, b) => a - b));
    return {
      times,
      perMinute,
      p50: sorted.map(list => percentile(list, 50)),
      p90: sorted.map(list => percentile(list, 90)),
      p99: sorted.map(list => percentile(list, 99)),
      failures,
      totals: this.totals(),
    };
  }

  /** Per type over the whole window: finished, failed, and the median run time. */
  totals() {
    const byType = {};
    for (const task of this.byId.values()) {
      const t = (byType[task.type] ??= {type: task.type, finished: 0, failed: 0, revoked: 0, runtimes: []});
      t.finished++;
      if (task.state === 'FAILURE') t.failed++;
      if (task.state === 'REVOKED') t.revoked++;
      if (task.state === 'SUCCESS' && task.runtimeMs !== null) t.runtimes.push(task.runtimeMs);
    }
    return Object.values(byType).map(t => {
      const sorted = t.runtimes.sort((a, b) => a - b);
      return {type: t.type, finished: t.finished, failed: t.failed, revoked: t.revoked,
        p50: percentile(sorted, 50), p99: percentile(sorted, 99)};
    }).sort((a, b) => a.type.localeCompare(b.type));
  }
}
