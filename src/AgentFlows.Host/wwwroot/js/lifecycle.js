// The fine-tuning lifecycle: its schedules (last and next tick, trigger now) and the model registry.
import { api } from './api.js';
import { el, fmtTime, pretty, showMessage } from './dom.js';

export function renderLifecycle(main) {
  const schedules = el('tbody', { id: 'schedules-body' });
  const models = el('tbody', { id: 'models-body' });
  main.replaceChildren(
    el('section', { class: 'card', 'aria-labelledby': 'sch-title' }, el('h2', { id: 'sch-title' }, 'Schedules'),
      el('table', {}, el('thead', {}, el('tr', {}, ...['Name', 'Schedule', 'Last occurrence', 'Next occurrence', ''].map((h) => el('th', { scope: 'col' }, h)))), schedules)),
    el('section', { class: 'card', 'aria-labelledby': 'models-title' }, el('h2', { id: 'models-title' }, 'Model registry'),
      el('table', {}, el('thead', {}, el('tr', {}, ...['Version', 'Model', 'Base model', 'Created', 'Quantization', 'Promoted', 'Metrics'].map((h) => el('th', { scope: 'col' }, h)))), models)));

  async function load() {
    try {
      const s = await api('GET', '/api/schedules');
      const items = Array.isArray(s) ? s : s.items || [];
      schedules.replaceChildren(...items.map((x) => el('tr', {},
        el('td', {}, x.name), el('td', {}, el('code', {}, x.schedule || x.cron || '')), el('td', {}, fmtTime(x.lastOccurrence)), el('td', {}, fmtTime(x.nextOccurrence)),
        el('td', {}, el('button', { type: 'button', onclick: () => trigger(x.name) }, `Run ${x.name} now`)))));
      if (!items.length) schedules.replaceChildren(el('tr', {}, el('td', { colspan: 5 }, 'No schedules.')));
    } catch (err) { showMessage(`Could not load schedules: ${err.message}`, 'error'); }
    try {
      const m = await api('GET', '/api/models');
      const items = m.items || [];
      models.replaceChildren(...items.map((x) => el('tr', {},
        el('td', {}, String(x.version)), el('td', {}, x.model || ''), el('td', {}, x.baseModel || ''), el('td', {}, fmtTime(x.createdAt)),
        el('td', {}, x.quantization ? `${x.quantization.type} — ${x.quantization.reason}` : ''), el('td', {}, x.promoted ? 'yes' : 'no'),
        el('td', {}, el('pre', {}, pretty(x.metrics))))));
      if (!items.length) models.replaceChildren(el('tr', {}, el('td', { colspan: 7 }, 'No model versions yet.')));
    } catch (err) { showMessage(`Could not load models: ${err.message}`, 'error'); }
  }

  async function trigger(name) {
    try {
      const r = await api('POST', `/api/schedules/${encodeURIComponent(name)}/trigger`);
      showMessage(`Triggered ${name}${r && r.instanceId ? `: ${r.instanceId}` : ''}.`);
      load();
    } catch (err) { showMessage(`Trigger refused (${err.status}): ${err.message}`, 'error'); }
  }

  load();
  const timer = setInterval(load, 10000);
  return () => clearInterval(timer);
}
