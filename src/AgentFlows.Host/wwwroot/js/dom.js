// Small DOM helpers: text only (no innerHTML of data), so nothing from a run is ever interpreted as markup.
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

export function fmtTime(s) {
  if (!s) return '';
  const d = new Date(s);
  return isNaN(d) ? String(s) : d.toLocaleString();
}

export function pretty(v) {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
}

export function statusClass(status) {
  return 'st-' + String(status || 'Pending').toLowerCase();
}

let messageTimer;
export function showMessage(text, kind = 'info') {
  const m = document.getElementById('message');
  m.textContent = text;
  m.className = 'message ' + kind;
  m.hidden = !text;
  clearTimeout(messageTimer);
  if (text && kind !== 'error') messageTimer = setTimeout(() => { m.hidden = true; }, 6000);
}
