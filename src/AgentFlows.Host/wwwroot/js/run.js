// One run: DAG, timeline, steps, event log, result, usage and the actions its status allows — live from its events.
import { api, streamEvents, whoAmI } from './api.js';
import { el, fmtTime, pretty, statusClass, showMessage } from './dom.js';
import { drawDag } from './dag.js';
import { drawTimeline } from './timeline.js';

const TERMINAL = new Set(['Completed', 'Failed', 'Canceled']);
const EVENT_STATUS = { 'step.started': 'running', 'step.retrying': 'retrying', 'step.completed': 'completed', 'step.failed': 'failed', 'approval.requested': 'waitingForApproval' };

export function renderRun(main, runId, navigate) {
  let run = null;
  const events = [];
  let stop = null;
  let refreshTimer = null;
  let poll = null;
  let actionIds = null;
  let role = null;
  let lastStatus = null;
  // After an action the server applies asynchronously (rewind, approve), keep looking until the run moves on.
  let awaitingChangeUntil = 0;
  // Only the actions the caller's role allows are offered (operator: cancel, rewind, approve; admin: also purge).
  whoAmI().then((me) => {
    role = me ? me.role : null;
    actionIds = null;
    if (run) render();
  });

  const header = el('div', { class: 'run-head' });
  const actions = el('div', { id: 'actions', class: 'row actions', role: 'group', 'aria-label': 'Run actions' });
  const dagBox = el('div', { id: 'dag-box', class: 'dag-box' });
  const timelineBox = el('div', { id: 'timeline-box' });
  const stepsBox = el('div', { id: 'steps' });
  const outcome = el('div', { id: 'outcome' });
  const usage = el('dl', { id: 'usage', class: 'usage' });
  const log = el('ol', { id: 'event-log', class: 'event-log', 'aria-live': 'off' });

  main.replaceChildren(
    el('p', {}, el('a', { href: '#/runs' }, '← All runs')),
    header, actions,
    el('section', { class: 'card', 'aria-labelledby': 'dag-title' }, el('h2', { id: 'dag-title' }, 'Plan'), dagBox),
    el('section', { class: 'card', 'aria-labelledby': 'tl-title' }, el('h2', { id: 'tl-title' }, 'Timeline'), timelineBox),
    el('section', { class: 'card', 'aria-labelledby': 'outcome-title' }, el('h2', { id: 'outcome-title' }, 'Outcome and usage'), outcome, usage),
    el('section', { class: 'card', 'aria-labelledby': 'steps-title' }, el('h2', { id: 'steps-title' }, 'Steps'), stepsBox),
    el('section', { class: 'card', 'aria-labelledby': 'log-title' }, el('h2', { id: 'log-title' }, 'Events'), log));

  function render() {
    if (!run) return;
    const steps = run.plan?.steps || [];
    header.replaceChildren(
      el('h2', {}, 'Run ', el('code', {}, run.runId), ' ', el('span', { id: 'run-status', class: `badge ${statusClass(run.status)}`, 'data-status': run.status }, run.status)),
      el('p', { class: 'prompt' }, run.prompt || ''),
      el('p', { class: 'muted' }, `Created ${fmtTime(run.createdAt)} · updated ${fmtTime(run.updatedAt)}${run.planner ? ` · planner ${run.planner}` : ''}`));
    dagBox.replaceChildren(steps.length ? drawDag(steps) : el('p', { class: 'muted' }, 'No plan yet.'));
    timelineBox.replaceChildren(drawTimeline(steps, events));
    stepsBox.replaceChildren(...steps.map(stepCard));
    outcome.replaceChildren(
      run.result !== undefined && run.result !== null ? el('div', {}, el('h3', {}, 'Result'), el('pre', { id: 'run-result' }, pretty(run.result))) : '',
      run.error ? el('div', {}, el('h3', {}, 'Error'), el('pre', { id: 'run-error', class: 'error' }, pretty(run.error))) : '');
    const u = run.usage || {};
    usage.replaceChildren(...[['LLM calls', u.llmCalls], ['Input tokens', u.inputTokens], ['Output tokens', u.outputTokens], ['Cost (USD)', u.costUsd]]
      .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v === undefined || v === null ? '0' : String(v))]));
    renderActions(steps);
  }

  function stepCard(s) {
    return el('details', { class: `step ${statusClass(s.status)}`, 'data-step-id': s.id, open: s.status === 'failed' || s.status === 'waitingForApproval' },
      el('summary', {}, el('span', { class: `badge ${statusClass(s.status)}` }, s.status), ` ${s.id} · ${s.tool}`,
        s.attempts ? ` · ${s.attempts} attempt(s)` : '', s.dependsOn?.length ? ` · after ${s.dependsOn.join(', ')}` : ''),
      el('p', { class: 'muted' }, `${fmtTime(s.startedAt)}${s.completedAt ? ` → ${fmtTime(s.completedAt)}` : ''}${s.toolVersion ? ` · ${s.tool} v${s.toolVersion}` : ''}`),
      el('h4', {}, 'Arguments'), el('pre', {}, pretty(s.args)),
      s.output !== undefined && s.output !== null ? [el('h4', {}, 'Output'), el('pre', {}, pretty(s.output))] : '',
      s.error ? [el('h4', {}, 'Error'), el('pre', { class: 'error' }, pretty(s.error))] : '');
  }

  function button(id, label, onClick, cls) {
    return el('button', { type: 'button', id, class: cls, onclick: onClick }, label);
  }

  function renderActions(steps) {
    const st = run.status;
    const list = [];
    const canOperate = role === 'operator' || role === 'admin';
    if (!canOperate) {
      if (actionIds !== '') { actionIds = ''; actions.replaceChildren(); }
      return;
    }
    if (!TERMINAL.has(st)) list.push(button('btn-cancel', 'Cancel', () => act('cancel', { reason: 'canceled from the dashboard' }), 'danger'));
    if (st === 'Failed') list.push(button('btn-rewind', 'Rewind', () => act('rewind')));
    if (TERMINAL.has(st) && role === 'admin') list.push(button('btn-purge', 'Purge', purge, 'danger'));
    const waiting = steps.filter((s) => s.status === 'waitingForApproval');
    for (const s of waiting) {
      list.push(el('div', { class: 'approval', role: 'group', 'aria-label': `Approve step ${s.id}` },
        el('span', {}, `Step ${s.id} waits:`),
        ...['retry', 'skip', 'abort'].map((d) => button(`btn-${d}-${s.id}`, d[0].toUpperCase() + d.slice(1),
          () => act('approve', { decision: d, stepId: s.id }), d === 'abort' ? 'danger' : ''))));
    }
    if (st === 'WaitingForApproval' && waiting.length === 0) {
      list.push(...['retry', 'skip', 'abort'].map((d) => button(`btn-${d}`, d[0].toUpperCase() + d.slice(1), () => act('approve', { decision: d }))));
    }
    // Replaced only when the set of actions changes: a button never vanishes under a click or the keyboard focus.
    const ids = list.flatMap((b) => (b.id ? [b.id] : [...b.querySelectorAll('button')].map((x) => x.id))).join(' ');
    if (ids === actionIds) return;
    actionIds = ids;
    actions.replaceChildren(...list);
  }

  async function act(verb, body) {
    try {
      await api('POST', `/api/runs/${encodeURIComponent(runId)}/${verb}`, body ?? {});
      awaitingChangeUntil = Date.now() + 60000;
      showMessage(`${verb} accepted.`);
      await refresh();
      startStream();
    } catch (err) {
      showMessage(`${verb} refused (${err.status}): ${err.message}`, 'error');
    }
  }

  async function purge() {
    if (!window.confirm(`Purge run ${runId} and its history?`)) return;
    try {
      await api('DELETE', `/api/runs/${encodeURIComponent(runId)}`);
      showMessage(`Run ${runId} purged.`);
      navigate('#/runs');
    } catch (err) {
      showMessage(`Purge refused (${err.status}): ${err.message}`, 'error');
    }
  }

  async function refresh() {
    try {
      run = await api('GET', `/api/runs/${encodeURIComponent(runId)}`);
      // A finished run that runs again (rewound) has a new stream to follow.
      if (lastStatus && TERMINAL.has(lastStatus) && !TERMINAL.has(run.status)) startStream();
      lastStatus = run.status;
      render();
    } catch (err) {
      showMessage(`Could not load the run: ${err.message}`, 'error');
    }
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 150);
  }

  function onEvent(ev) {
    if (events.some((e) => e.seq === ev.seq)) return;
    events.push(ev);
    log.append(el('li', { 'data-type': ev.type }, el('time', {}, fmtTime(ev.at)), ` #${ev.seq} `, el('strong', {}, ev.type),
      ev.stepId ? ` ${ev.stepId}` : '', ev.data && Object.keys(ev.data).length ? el('code', {}, ' ' + JSON.stringify(ev.data)) : ''));
    // Apply at once, then reconcile with the run view.
    if (run?.plan?.steps && ev.stepId && EVENT_STATUS[ev.type]) {
      const s = run.plan.steps.find((x) => x.id === ev.stepId);
      if (s) { s.status = EVENT_STATUS[ev.type]; render(); }
    }
    scheduleRefresh();
  }

  function startStream() {
    if (stop) stop();
    stop = streamEvents(runId, onEvent, (err) => { if (err) showMessage(`Event stream: ${err.message}`, 'error'); });
  }

  refresh().then(startStream);
  // A safety net next to the stream: a slow poll while the run is not over.
  poll = setInterval(() => { if (run && (!TERMINAL.has(run.status) || Date.now() < awaitingChangeUntil)) refresh(); }, 1000);
  return () => { if (stop) stop(); clearInterval(poll); clearTimeout(refreshTimer); };
}
