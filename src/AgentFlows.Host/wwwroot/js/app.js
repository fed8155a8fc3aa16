// The dashboard's entry: the API key field and a hash router (#/runs, #/runs/{id}, #/lifecycle).
import { apiKey } from './api.js';
import { showMessage } from './dom.js';
import { renderRuns } from './runs.js';
import { renderRun } from './run.js';
import { renderLifecycle } from './lifecycle.js';

let dispose = null;
const navigate = (hash) => { if (location.hash === hash) route(); else location.hash = hash; };

function route() {
  if (dispose) dispose();
  const main = document.getElementById('main');
  const hash = location.hash || '#/runs';
  const m = /^#\/runs\/(.+)$/.exec(hash);
  document.getElementById('nav-runs').setAttribute('aria-current', hash.startsWith('#/lifecycle') ? 'false' : 'page');
  document.getElementById('nav-lifecycle').setAttribute('aria-current', hash.startsWith('#/lifecycle') ? 'page' : 'false');
  if (m) dispose = renderRun(main, decodeURIComponent(m[1]), navigate);
  else if (hash.startsWith('#/lifecycle')) dispose = renderLifecycle(main);
  else dispose = renderRuns(main, navigate);
}

function setupKey() {
  const form = document.getElementById('key-form');
  const input = document.getElementById('api-key');
  input.value = apiKey.get();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apiKey.set(input.value.trim());
    showMessage(input.value.trim() ? 'API key saved for this browser session.' : 'API key cleared.');
    route();
  });
  document.getElementById('key-clear').addEventListener('click', () => {
    input.value = '';
    apiKey.set('');
    showMessage('API key cleared.');
    route();
  });
}

window.addEventListener('hashchange', route);
setupKey();
route();
