// The runs list (filters, search, paging, polled every 2 s) and the form that starts a run.
import { api } from './api.js';
import { el, fmtTime, statusClass, showMessage } from './dom.js';

const STATUSES = ['', 'Pending', 'Running', 'WaitingForApproval', 'Completed', 'Failed', 'Canceled', 'Suspended'];

export function renderRuns(main, navigate) {
  const state = { status: '', q: '', top: 20, tokens: [null], page: 0, timer: null };

  const prompt = el('textarea', { id: 'prompt', name: 'prompt', rows: 3, required: true, placeholder: 'calculate 2+2 and calculate 3*3' });
  const failure = el('select', { id: 'on-step-failure', name: 'onStepFailure' },
    el('option', { value: 'fail' }, 'fail (stop, rewind later)'), el('option', { value: 'ask' }, 'ask (wait for approval)'));
  const startForm = el('form', { id: 'start-form', class: 'card', 'aria-labelledby': 'start-title' },
    el('h2', { id: 'start-title' }, 'Start a run'),
    el('label', { for: 'prompt' }, 'Prompt'), prompt,
    el('div', { class: 'row' },
      el('label', { for: 'on-step-failure' }, 'On step failure'), failure,
      el('button', { type: 'submit', id: 'start-run' }, 'Start run')));
  prompt.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); startForm.requestSubmit(); }
  });
  startForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const res = await api('POST', '/api/runs', { prompt: prompt.value, onStepFailure: failure.value });
      showMessage(`Run ${res.runId} started.`);
      navigate(`#/runs/${encodeURIComponent(res.runId)}`);
    } catch (err) {
      showMessage(`Could not start the run: ${err.message}`, 'error');
    }
  });

  const statusSel = el('select', { id: 'filter-status', name: 'status' },
    STATUSES.map((s) => el('option', { value: s }, s || 'any')));
  const q = el('input', { id: 'filter-q', name: 'q', type: 'search', placeholder: 'prompt text' });
  const topSel = el('select', { id: 'filter-top', name: 'top' }, [10, 20, 50, 100].map((n) => el('option', { value: n, selected: n === 20 }, String(n))));
  const filters = el('form', { id: 'filter-form', class: 'row filters', role: 'search' },
    el('label', { for: 'filter-status' }, 'Status'), statusSel,
    el('label', { for: 'filter-q' }, 'Search'), q,
    el('label', { for: 'filter-top' }, 'Per page'), topSel,
    el('button', { type: 'submit' }, 'Apply'));
  const apply = (e) => {
    e && e.preventDefault();
    state.status = statusSel.value; state.q = q.value.trim(); state.top = Number(topSel.value);
    state.tokens = [null]; state.page = 0; load();
  };
  filters.addEventListener('submit', apply);
  statusSel.addEventListener('change', apply);
  topSel.addEventListener('change', apply);

  const tbody = el('tbody', { id: 'runs-body' });
  const count = el('p', { id: 'runs-count', 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', id: 'page-prev' }, '← Newer');
  const next = el('button', { type: 'button', id: 'page-next' }, 'Older →');
  prev.addEventListener('click', () => { if (state.page > 0) { state.page--; load(); } });
  next.addEventListener('click', () => { if (state.tokens[state.page + 1]) { state.page++; load(); } });

  main.replaceChildren(startForm,
    el('section', { class: 'card', 'aria-labelledby': 'runs-title' },
      el('h2', { id: 'runs-title' }, 'Runs'), filters,
      el('table', { class: 'runs' },
        el('caption', { class: 'sr-only' }, 'Runs, newest first'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Created'), el('th', { scope: 'col' }, 'Prompt'), el('th', { scope: 'col' }, 'Run id'))),
        tbody),
      el('div', { class: 'row' }, prev, next, count)));

  async function load() {
    const p = new URLSearchParams({ top: String(state.top) });
    if (state.status) p.set('status', state.status);
    if (state.q) p.set('q', state.q);
    const token = state.tokens[state.page];
    if (token) p.set('continuationToken', token);
    try {
      const res = await api('GET', `/api/runs?${p}`);
      state.tokens[state.page + 1] = res.continuationToken || null;
      tbody.replaceChildren(...(res.items || []).map((r) => el('tr', { 'data-run-id': r.runId },
        el('td', {}, el('span', { class: `badge ${statusClass(r.status)}` }, r.status)),
        el('td', {}, fmtTime(r.createdAt)),
        el('td', { class: 'prompt-cell' }, el('a', { href: `#/runs/${encodeURIComponent(r.runId)}` }, r.prompt || '(no prompt)')),
        el('td', {}, el('code', {}, r.runId)))));
      if (!res.items || res.items.length === 0) tbody.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, 'No runs.')));
      count.textContent = `${res.totalCount ?? (res.items || []).length} run(s) · page ${state.page + 1}`;
      prev.disabled = state.page === 0;
      next.disabled = !res.continuationToken;
    } catch (err) {
      showMessage(`Could not list runs: ${err.message}`, 'error');
    }
  }

  load();
  state.timer = setInterval(load, 2000);
  return () => clearInterval(state.timer);
}
