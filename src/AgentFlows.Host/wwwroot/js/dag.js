// The plan as a DAG in SVG: a column per dependency depth, edges from each dependency, nodes coloured by status.
import { svg, statusClass } from './dom.js';

const W = 170, H = 46, GX = 70, GY = 22, PAD = 16;

export function depths(steps) {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map();
  const depth = (id, seen = new Set()) => {
    if (memo.has(id)) return memo.get(id);
    if (seen.has(id)) return 0;
    seen.add(id);
    const deps = (byId.get(id)?.dependsOn || []).filter((d) => byId.has(d));
    const d = deps.length ? 1 + Math.max(...deps.map((x) => depth(x, seen))) : 0;
    memo.set(id, d);
    return d;
  };
  steps.forEach((s) => depth(s.id));
  return memo;
}

export function drawDag(steps) {
  const d = depths(steps);
  const cols = [];
  for (const s of steps) (cols[d.get(s.id)] ||= []).push(s);
  const pos = new Map();
  cols.forEach((col, c) => col.forEach((s, r) => pos.set(s.id, { x: PAD + c * (W + GX), y: PAD + r * (H + GY) })));
  const width = PAD * 2 + Math.max(1, cols.length) * (W + GX) - GX;
  const height = PAD * 2 + Math.max(1, ...cols.map((c) => c.length)) * (H + GY) - GY;
  const root = svg('svg', { id: 'dag', class: 'dag', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': `Plan graph: ${steps.map((s) => `${s.id} ${s.status}`).join(', ')}` });
  root.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }))));
  for (const s of steps) {
    for (const dep of s.dependsOn || []) {
      const a = pos.get(dep), b = pos.get(s.id);
      if (!a || !b) continue;
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2, mx = (x1 + x2) / 2;
      root.append(svg('path', { class: 'edge', d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)' }));
    }
  }
  for (const s of steps) {
    const p = pos.get(s.id);
    const g = svg('g', { class: `node ${statusClass(s.status)}`, 'data-step-id': s.id, 'data-status': s.status || 'pending', transform: `translate(${p.x},${p.y})` },
      svg('title', {}, `${s.id}: ${s.tool} — ${s.status}${s.attempts > 1 ? ` (${s.attempts} attempts)` : ''}`),
      svg('rect', { width: W, height: H, rx: 8 }),
      svg('text', { x: 10, y: 19, class: 'node-id' }, `${s.id} · ${s.tool}`),
      svg('text', { x: 10, y: 36, class: 'node-status' }, `${s.status || 'pending'}${s.attempts > 1 ? ` ×${s.attempts}` : ''}`));
    root.append(g);
  }
  return root;
}
