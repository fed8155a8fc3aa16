// The HTTP client: every call carries the API key kept in sessionStorage; errors are RFC 9457 problems.
const KEY = 'agentflows.apiKey';

export const apiKey = {
  get: () => sessionStorage.getItem(KEY) || '',
  set: (v) => (v ? sessionStorage.setItem(KEY, v) : sessionStorage.removeItem(KEY)),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function headers(extra) {
  const h = { Accept: 'application/json', ...extra };
  const key = apiKey.get();
  if (key) h['x-api-key'] = key;
  return h;
}

export async function api(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await fetch(path, init);
  const text = await res.text();
  let json = null;
  if (text) {
    try { json = JSON.parse(text); } catch { json = { detail: text }; }
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

// The caller's tenant and role ({tenant, role}), or null when the key is refused; asked once per key.
let whoAmICache = null;
export function whoAmI() {
  const key = apiKey.get();
  if (!whoAmICache || whoAmICache.key !== key) {
    whoAmICache = { key, value: api('GET', '/api/me').catch(() => null) };
  }
  return whoAmICache.value;
}

// Reads the run's NDJSON event stream (EventSource cannot send x-api-key), calling onEvent per event.
// Returns an abort function. Reconnects with after=<last seq> until the run ends or it is aborted.
export function streamEvents(runId, onEvent, onEnd) {
  const ctl = new AbortController();
  let last = -1;
  let stopped = false;
  (async () => {
    for (let attempt = 0; !stopped && attempt < 20; attempt++) {
      try {
        const url = `/api/runs/${encodeURIComponent(runId)}/events` + (last >= 0 ? `?after=${last}` : '');
        const res = await fetch(url, { headers: headers({ Accept: 'application/x-ndjson' }), signal: ctl.signal });
        if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += decoder.decode(value, { stream: true });
          let nl;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            const ev = JSON.parse(line);
            if (typeof ev.seq === 'number') last = ev.seq;
            onEvent(ev);
            if (/^run\.(completed|failed|canceled)$/.test(ev.type)) { stopped = true; }
          }
        }
        if (stopped) break;
      } catch (e) {
        if (ctl.signal.aborted) return;
        if (e instanceof ApiError && e.status >= 400 && e.status < 500) { onEnd && onEnd(e); return; }
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (!ctl.signal.aborted && onEnd) onEnd(null);
  })();
  return () => { stopped = true; ctl.abort(); };
}
