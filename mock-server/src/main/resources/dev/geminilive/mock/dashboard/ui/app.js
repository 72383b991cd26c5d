// The mock's dashboard: a live list of sessions and one session's timeline. No framework and no
// build step; everything it loads comes from the mock itself. The admin token (when the mock
// requires one) lives in sessionStorage and travels only in a request header, never in a URL, so
// the live feed is read through fetch() rather than EventSource (which cannot send headers).
'use strict';

const API = '/__admin/ui/api/';
const TOKEN_KEY = 'gemini-live-mock.admin-token';
const PAGE_SIZE = 50;
const FOLLOW_MS = 30000;

const state = {
  sessions: new Map(),   // id -> row
  serverOffset: 0,       // server clock minus ours, for durations of open sessions
  page: 0,
  selected: null,        // session id
  window: null,          // {from, to} or null for the whole session; {follow: true} follows live
  chosenSeq: null,
  lastDrawnEntries: -1,
  drawing: false,
  redrawWanted: false,
};

const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  const t = token();
  if (t) headers.Authorization = 'Bearer ' + t;
  const response = await fetch(API + path,
      Object.assign({}, options, { headers, cache: 'no-store' }));
  if (response.status === 401 || response.status === 403) {
    askForToken(t ? 'That token was refused.' : '');
    throw new Error('unauthorized');
  }
  return response;
}

function askForToken(message) {
  $('token-form').hidden = false;
  $('token-error').textContent = message || '';
  setStatus('unauthorized', 'admin token needed');
  $('token-input').focus();
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token-input').value);
  $('token-input').value = '';
  $('token-form').hidden = true;
  $('forget-token').hidden = false;
  connect();
});

$('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  $('forget-token').hidden = true;
});

function setStatus(s, text) {
  const el = $('live-status');
  el.dataset.state = s;
  el.textContent = text;
}

// ---- the live feed: server-sent events read from a fetch body ----

let feed = null;
let retryMs = 500;

async function connect() {
  if (feed) feed.abort();
  const controller = new AbortController();
  feed = controller;
  try {
    const response = await api('stream', { signal: controller.signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error('stream answered ' + response.status);
    setStatus('live', 'live');
    $('forget-token').hidden = !token();
    retryMs = 500;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onEvent(block);
      }
    }
    throw new Error('stream ended');
  } catch (e) {
    if (controller.signal.aborted || e.message === 'unauthorized') return;
    setStatus('reconnecting', 'reconnecting…');
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 8000);
  }
}

function onEvent(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (type !== 'sessions' || data.length === 0) return;
  const update = JSON.parse(data.join('\n'));
  state.serverOffset = update.serverTime - Date.now();
  if (update.reset) state.sessions.clear();
  for (const row of update.sessions) state.sessions.set(row.id, row);
  for (const id of update.removed) state.sessions.delete(id);
  renderList();
  if (state.selected) onSelectedChanged();
}

// ---- the list ----

for (const id of ['f-model', 'f-scenario', 'f-state', 'f-text']) {
  $(id).addEventListener('input', () => { state.page = 0; renderList(); });
}
$('prev').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); renderList(); });
$('next').addEventListener('click', () => { state.page += 1; renderList(); });

function matches(row) {
  const model = $('f-model').value, scenario = $('f-scenario').value, st = $('f-state').value;
  const text = $('f-text').value.trim().toLowerCase();
  if (model && row.model !== model) return false;
  if (scenario && row.scenario !== scenario) return false;
  if (st === 'open' && row.state === 'closed') return false;
  if (st === 'closed' && row.state !== 'closed') return false;
  if (st === 'error' && !(row.state === 'closed' && row.error)) return false;
  if (st === 'alarm' && !(row.alarms > 0)) return false;
  if (text && ![row.id, row.path, row.closeReason || '', row.model, row.scenario]
      .some((v) => v.toLowerCase().includes(text))) return false;
  return true;
}

function fillOptions(select, values) {
  const current = select.value;
  const wanted = ['', ...[...values].sort()];
  const have = [...select.options].map((o) => o.value);
  if (wanted.join('\u0000') === have.join('\u0000')) return;
  select.replaceChildren(...wanted.map((v) => new Option(v || 'all', v)));
  select.value = current;
}

function duration(row) {
  const ms = row.state === 'closed' ? row.durationMs : Math.max(row.durationMs, Date.now() + state.serverOffset - row.openedAt);
  const s = Math.round(ms / 1000);
  return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + String(s % 60).padStart(2, '0') + ' s';
}

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}

function renderList() {
  const rows = [...state.sessions.values()];
  fillOptions($('f-model'), new Set(rows.map((r) => r.model).filter(Boolean)));
  fillOptions($('f-scenario'), new Set(rows.map((r) => r.scenario).filter(Boolean)));
  const shown = rows.filter(matches).sort((a, b) => b.openedAt - a.openedAt || b.id.localeCompare(a.id, 'en', { numeric: true }));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const open = rows.filter((r) => r.state !== 'closed').length;
  $('counts').textContent = `${rows.length} sessions, ${open} open`;
  $('page').textContent = `page ${state.page + 1} of ${pages} (${shown.length} shown)`;
  const body = document.createElement('tbody');
  for (const row of shown.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE)) {
    const tr = document.createElement('tr');
    tr.dataset.id = row.id;
    tr.dataset.state = row.state;
    if (row.id === state.selected) tr.className = 'selected';
    tr.append(cell(row.id, 'id'));
    const st = cell('', 'state');
    const badge = document.createElement('span');
    const kind = row.state === 'closed' && row.error ? 'error' : row.state;
    badge.className = 'badge ' + kind;
    badge.textContent = row.state;
    st.append(badge);
    tr.append(st, cell(row.model, 'model'), cell(row.endpoint, 'endpoint'), cell(row.scenario, 'scenario'),
        cell(String(row.turns), 'turns'), cell(duration(row), 'duration'),
        cell(row.closeCode != null ? row.closeCode + ' ' + (row.closeReason || '') : '', 'reason'),
        cell(String(row.alarms), 'alarms' + (row.alarms > 0 ? ' some' : '')));
    tr.title = row.path;
    tr.addEventListener('click', () => select(row.id));
    body.append(tr);
  }
  $('sessions').tBodies[0].replaceWith(body);
}

// ---- one session ----

$('close-detail').addEventListener('click', () => { state.selected = null; $('detail').hidden = true; renderList(); });
$('z-all').addEventListener('click', () => { state.window = null; redraw(); });
$('z-live').addEventListener('click', () => { state.window = { follow: true }; redraw(); });
$('z-in').addEventListener('click', () => zoom(0.5));
$('z-out').addEventListener('click', () => zoom(2));
$('z-left').addEventListener('click', () => pan(-0.5));
$('z-right').addEventListener('click', () => pan(0.5));

function shownWindow() {
  const svg = $('timeline').querySelector('svg');
  if (!svg) return null;
  return { from: Number(svg.dataset.fromMs), to: Number(svg.dataset.toMs) };
}

function zoom(factor) {
  const w = shownWindow();
  if (!w) return;
  const mid = (w.from + w.to) / 2, half = Math.max(250, (w.to - w.from) * factor / 2);
  state.window = { from: Math.max(0, mid - half), to: mid + half };
  redraw();
}

function pan(fraction) {
  const w = shownWindow();
  if (!w) return;
  const shift = (w.to - w.from) * fraction;
  const from = Math.max(0, w.from + shift);
  state.window = { from, to: from + (w.to - w.from) };
  redraw();
}

function select(id) {
  state.selected = id;
  state.window = null;
  state.chosenSeq = null;
  state.lastDrawnEntries = -1;
  $('detail').hidden = false;
  $('message').textContent = 'Select a mark to see the message (secrets redacted).';
  renderList();
  onSelectedChanged();
}

function onSelectedChanged() {
  const row = state.sessions.get(state.selected);
  if (!row) {
    $('detail-summary').textContent = 'this session aged out of the journal';
    return;
  }
  $('detail-title').textContent = `${row.id} · ${row.model || 'before setup'} · ${row.scenario}`;
  $('detail-summary').textContent = `${row.state}${row.closeCode != null ? ' (' + row.closeCode + ' ' + (row.closeReason || '') + ')' : ''}`
      + ` · ${row.turns} turns · ${duration(row)} · ${row.entries} journal entries`;
  $('detail').dataset.state = row.state;
  if (row.entries !== state.lastDrawnEntries) redraw();
}

// One drawing at a time; a change during a drawing asks for one more afterwards.
async function redraw() {
  if (state.drawing) { state.redrawWanted = true; return; }
  state.drawing = true;
  try {
    do {
      state.redrawWanted = false;
      await draw();
    } while (state.redrawWanted);
  } catch (e) {
    if (e.message !== 'unauthorized') $('notes').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'could not draw: ' + e.message }));
  } finally {
    state.drawing = false;
  }
}

async function draw() {
  const id = state.selected;
  if (!id) return;
  const row = state.sessions.get(id);
  const width = Math.max(600, $('timeline').clientWidth - 4);
  let query = `width=${width}`;
  const w = state.window;
  if (w && w.follow) {
    const end = Math.max(row ? row.durationMs : 0, FOLLOW_MS);
    query += `&from=${Math.max(0, end - FOLLOW_MS)}&to=${end + 1000}`;
  } else if (w) {
    query += `&from=${w.from}&to=${w.to}`;
  }
  const base = `sessions/${encodeURIComponent(id)}/`;
  const [svgText, marks] = await Promise.all([
    api(base + 'timeline.svg?' + query).then((r) => r.text()),
    api(base + 'marks?' + query).then((r) => r.json()),
  ]);
  if (id !== state.selected) return;
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true);
  svg.addEventListener('click', (e) => {
    const g = e.target.closest('g.mark');
    if (g) openEntry(Number(g.dataset.seq));
  });
  $('timeline').replaceChildren(svg);
  $('window').textContent = `${(marks.fromMs / 1000).toFixed(1)} s – ${(marks.toMs / 1000).toFixed(1)} s`;
  $('notes').replaceChildren(...marks.notes.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
  const body = document.createElement('tbody');
  for (const m of marks.marks) {
    const tr = document.createElement('tr');
    tr.dataset.seq = m.seq;
    tr.dataset.type = m.type;
    if (m.alarm) tr.classList.add('alarm');
    if (m.seq === state.chosenSeq) tr.classList.add('chosen');
    tr.append(cell((m.atMs / 1000).toFixed(2) + ' s'), cell(m.lane), cell(m.type + ': ' + m.label));
    tr.addEventListener('click', () => openEntry(m.seq));
    body.append(tr);
  }
  if (marks.left > 0) {
    const tr = document.createElement('tr');
    tr.append(cell(`${marks.left} earlier marks: zoom in to list them`));
    body.prepend(tr);
  }
  $('marks').tBodies[0].replaceWith(body);
  state.lastDrawnEntries = row ? row.entries : -1;
  highlight();
}

async function openEntry(seq) {
  if (!seq) return;
  state.chosenSeq = seq;
  highlight();
  const response = await api(`sessions/${encodeURIComponent(state.selected)}/entries/${seq}`);
  const body = await response.json();
  $('message').textContent = JSON.stringify(body, null, 2);
}

function highlight() {
  for (const el of document.querySelectorAll('.chosen')) el.classList.remove('chosen');
  if (state.chosenSeq == null) return;
  for (const el of document.querySelectorAll(`[data-seq="${state.chosenSeq}"]`)) el.classList.add('chosen');
}

// Durations of open sessions tick without a server round trip.
setInterval(() => { if (state.sessions.size) renderList(); }, 1000);
connect();
