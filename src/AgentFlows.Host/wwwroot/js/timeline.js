// The timeline: one lane per step, a bar from start to end; retries (from step.retrying events) as tick marks.
import { el, statusClass } from './dom.js';

export function drawTimeline(steps, events) {
  const now = Date.now();
  const spans = steps.filter((s) => s.startedAt).map((s) => ({
    s, start: Date.parse(s.startedAt), end: s.completedAt ? Date.parse(s.completedAt) : now,
  }));
  if (spans.length === 0) return el('p', { id: 'timeline', class: 'muted' }, 'No step has started yet.');
  const t0 = Math.min(...spans.map((x) => x.start));
  const t1 = Math.max(...spans.map((x) => x.end), t0 + 1);
  const pct = (t) => `${(((t - t0) / (t1 - t0)) * 100).toFixed(2)}%`;
  const retries = new Map();
  for (const e of events) if (e.type === 'step.retrying' && e.stepId) (retries.get(e.stepId) || retries.set(e.stepId, []).get(e.stepId)).push(Date.parse(e.at));
  const lanes = steps.map((s) => {
    const sp = spans.find((x) => x.s === s);
    const lane = el('div', { class: 'lane' });
    if (sp) {
      const bar = el('div', { class: `bar ${statusClass(s.status)}`, title: `${s.id}: ${((sp.end - sp.start) / 1000).toFixed(2)} s` });
      bar.style.left = pct(sp.start);
      bar.style.width = `max(3px, calc(${pct(sp.end)} - ${pct(sp.start)}))`;
      lane.append(bar);
      for (const t of retries.get(s.id) || []) {
        const tick = el('div', { class: 'retry', title: 'retry' });
        tick.style.left = pct(Math.min(Math.max(t, t0), t1));
        lane.append(tick);
      }
    }
    return el('div', { class: 'tl-row' }, el('span', { class: 'tl-label' }, `${s.id}${s.attempts > 1 ? ` (×${s.attempts})` : ''}`), lane);
  });
  return el('div', { id: 'timeline', class: 'timeline', role: 'group', 'aria-label': `Timeline over ${((t1 - t0) / 1000).toFixed(2)} s` },
    ...lanes, el('div', { class: 'tl-axis' }, el('span', {}, '0 s'), el('span', {}, `${((t1 - t0) / 1000).toFixed(2)} s`)));
}
