// The dashboard's one script (no build step). Islands, each wired by a data- attribute:
//   data-filter-table   filter a table's rows as you type
//   form[data-api]      post the form as JSON to the API (through /ui/api), show the API's error text
//   button[data-api]    one API call (pause, resume, delete, replay)
//   form[data-preview]  refresh the preview as the form changes
//   [data-live]         follow server-sent events: swap in server-rendered rows or sections
//   data-copy, data-download, data-curl, data-new-seed
// Text from the server's JSON answers is only ever set with textContent; HTML comes from the server's own
// escaped fragments.

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

/** Calls the API through the dashboard's door; resolves with { ok, status, body }. */
async function callApi(method, path, body) {
  const init = { method, headers: { 'X-CSRF-Token': csrf() }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/ui/api${path}`, init);
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { detail: text };
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

class FieldError extends Error {}

/** `Name: value` lines as a headers object. */
function headersOf(text, label) {
  const headers = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const at = line.indexOf(':');
    if (at <= 0) throw new FieldError(`${label}: write one header per line as Name: value, got "${line}"`);
    headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return headers;
}

/** `Tag=weight` lines as a weights object. */
function weightsOf(text, label) {
  const weights = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const match = /^\s*([^=:\s]+)\s*[=:]\s*(\S+)\s*$/.exec(line);
    if (!match) throw new FieldError(`${label}: write one Tag=weight per line, got "${line}"`);
    const weight = Number(match[2]);
    weights[match[1]] = Number.isNaN(weight) ? match[2] : weight;
  }
  return weights;
}

/** A number when the text is one; otherwise the text, so the API names what is wrong with it. */
const numberOr = (text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);

/** The form's filled-in fields as the API's JSON body, by each field's data-json type. */
function formBody(form) {
  const body = {};
  for (const field of form.elements) {
    if (!field.name || field.disabled || field.type === 'submit' || field.type === 'button') continue;
    const type = field.dataset.json ?? 'string';
    const label = field.labels?.[0]?.textContent?.trim() || field.name;
    if (field.type === 'checkbox') {
      if (field.checked) body[field.name] = [...(body[field.name] ?? []), field.value];
      continue;
    }
    if (field.type === 'radio' && !field.checked) continue;
    const value = field.value.trim();
    if (value === '') continue;
    switch (type) {
      case 'boolean':
        body[field.name] = value === 'true';
        break;
      case 'int':
      case 'number':
        body[field.name] = numberOr(value);
        break;
      case 'lines':
        body[field.name] = value
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean);
        break;
      case 'list':
        body[field.name] = value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean);
        break;
      case 'headers':
        body[field.name] = headersOf(value, label);
        break;
      case 'weights':
        body[field.name] = weightsOf(value, label);
        break;
      default:
        body[field.name] = value;
    }
  }
  return body;
}

function showError(scope, detail, fields = []) {
  const box = scope.querySelector('[data-error]') ?? document.querySelector('[data-error]');
  for (const marked of scope.querySelectorAll('[aria-invalid]')) marked.removeAttribute('aria-invalid');
  if (!box) return;
  box.textContent = detail ?? '';
  box.hidden = !detail;
  for (const name of fields) {
    const field = scope.querySelector(`[name="${CSS.escape(String(name).split('.')[0])}"]`);
    field?.setAttribute('aria-invalid', 'true');
  }
}

/** What to do after a successful call: reload, go to a page (`goto:/ui/x/{id}`), or show emit results. */
function after(then, body, scope) {
  if (!then || then === 'reload') return location.reload();
  if (then.startsWith('goto:')) {
    location.assign(then.slice(5).replace(/\{(\w+)\}/g, (_, key) => encodeURIComponent(body?.[key] ?? '')));
    return;
  }
  if (then === 'emit-results') return showEmitResults(body, scope);
}

/** One delivery's outcome as a list item, linked to its detail. */
function deliveryItem(d) {
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = `/ui/deliveries/${d.id}`;
  link.textContent = `#${d.id}`;
  const badge = document.createElement('span');
  badge.className = `badge badge-${d.status}`;
  badge.textContent = d.status;
  const answer = d.httpStatus !== null ? `HTTP ${d.httpStatus}` : (d.error?.message ?? '');
  const latency = d.latencyMs === null ? '' : ` in ${Math.round(d.latencyMs * 10) / 10} ms`;
  item.append(link, ' ', badge, ` ${d.tag ?? ''} — ${answer}${latency}, ${d.attemptCount} attempt(s)`);
  return item;
}

/** The emit's deliveries; a workflow emit's grouped by run (RunId, seed), each run's in the order sent. */
function showEmitResults(body, scope) {
  const list = scope.ownerDocument.querySelector('[data-results]');
  if (!list) return;
  list.replaceChildren();
  const deliveries = body.deliveries ?? [];
  if (!Array.isArray(body.runs)) {
    for (const d of deliveries) list.append(deliveryItem(d));
    return;
  }
  const byId = new Map(deliveries.map((d) => [d.id, d]));
  for (const run of body.runs) {
    const item = document.createElement('li');
    item.dataset.run = run.runId;
    const title = document.createElement('span');
    const order = run.order === 'natural' ? '' : `, sent ${run.order}`;
    title.textContent = `Run ${run.runId} — seed ${run.seed}${order}`;
    const sent = document.createElement('ol');
    for (const id of run.deliveries) {
      const d = byId.get(id);
      if (d) sent.append(deliveryItem(d));
    }
    item.append(title, sent);
    list.append(item);
  }
}

async function submitApi(scope, spec, body) {
  const [method, path] = spec.split(' ');
  const busy = scope.querySelector('[type="submit"]') ?? scope;
  busy.setAttribute('aria-busy', 'true');
  try {
    const result = await callApi(method, path, body);
    if (!result.ok)
      return showError(scope.closest('form') ?? document, result.body?.detail, result.body?.fields);
    showError(scope.closest('form') ?? document, '');
    after(scope.dataset.then, result.body, scope);
  } catch (error) {
    showError(document, `could not reach the server: ${error.message}`);
  } finally {
    busy.removeAttribute('aria-busy');
  }
}

function wireApiForms() {
  for (const form of document.querySelectorAll('form[data-api]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      let body;
      try {
        body = formBody(form);
      } catch (error) {
        if (error instanceof FieldError) return showError(form, error.message);
        throw error;
      }
      submitApi(form, form.dataset.api, body);
    });
  }
  for (const button of document.querySelectorAll('button[data-api]')) {
    button.addEventListener('click', () => {
      if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
      submitApi(button, button.dataset.api, undefined);
    });
  }
}

function wireTableFilters() {
  for (const input of document.querySelectorAll('[data-filter-table]')) {
    const table = document.getElementById(input.dataset.filterTable);
    const count = input.parentElement.querySelector('[data-filter-count]');
    const filter = () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const row of table.tBodies[0].rows) {
        const text = row.textContent.toLowerCase();
        row.hidden = !words.every((word) => text.includes(word));
        if (!row.hidden) shown++;
      }
      if (count) count.textContent = `${shown} Tags`;
    };
    input.addEventListener('input', filter);
    filter();
  }
}

function wirePreview() {
  const form = document.querySelector('form[data-preview]');
  const result = document.querySelector('[data-preview-result]');
  if (!form || !result) return;
  let timer;
  let latest = 0;
  const refresh = async () => {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(form))
      if (String(value).trim() !== '') query.append(name, value);
    history.replaceState(null, '', `/ui/preview?${query}`);
    const ticket = ++latest;
    const response = await fetch(`/ui/preview/body?${query}`, { credentials: 'same-origin' });
    const html = await response.text();
    if (ticket === latest) result.innerHTML = html; // the server's escaped fragment
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    refresh();
  });
  const kindChanged = () => {
    const kind = form.elements.kind.value;
    const workflow = kind === 'workflow';
    const review = kind === 'review';
    form.elements.nodes.closest('.field').hidden = !workflow;
    form.elements.trigger.closest('.field').hidden = workflow || review;
    form.elements.tag.closest('.field').hidden = workflow || review;
    for (const name of ['format', 'state', 'jsonShape', 'overrides'])
      form.elements[name].closest('.field').hidden = review;
    for (const name of ['review', 'callbackVersion', 'result'])
      form.elements[name].closest('.field').hidden = !review;
  };
  for (const radio of form.querySelectorAll('[name="kind"]')) radio.addEventListener('change', kindChanged);
  kindChanged();
  // "add a node" appends a Tag to the workflow's node list; the select itself is not part of the query
  const addNode = form.querySelector('[data-add-node]');
  addNode?.addEventListener('change', (event) => {
    event.stopPropagation();
    const nodes = document.getElementById(addNode.dataset.addNode);
    if (!addNode.value || !nodes) return;
    nodes.value = [...nodes.value.split(','), addNode.value]
      .map((n) => n.trim())
      .filter(Boolean)
      .join(',');
    addNode.value = '';
    soon();
  });
  const newSeed = form.querySelector('[data-new-seed]');
  newSeed?.addEventListener('click', () => {
    const max = Number(newSeed.dataset.newSeed);
    form.elements.seed.value = String(Math.floor(Math.random() * (max + 1)));
    soon();
  });
}

function bodyText(button) {
  return button.closest('.body-block')?.querySelector('[data-body]')?.textContent ?? '';
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    flash(button, 'Copied');
  } catch {
    flash(button, 'Select and copy');
  }
}

function flash(button, text) {
  const before = button.textContent;
  button.textContent = text;
  setTimeout(() => {
    button.textContent = before;
  }, 1500);
}

function wireButtons() {
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.dataset.copy === 'body') return copyText(bodyText(button), button);
    if (button.dataset.download) {
      const blob = new Blob([bodyText(button)], { type: button.dataset.type });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset.download;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      return;
    }
    if (button.dataset.curl) {
      const response = await fetch(button.dataset.curl, { credentials: 'same-origin' });
      const output = document.querySelector('[data-curl-output]');
      const text = await response.text();
      if (output) {
        output.value = text;
        output.hidden = false;
        output.select();
      }
      if (response.ok) copyText(text, button);
    }
  });
}

/** Follows a [data-live] stream: `row` events swap rows by key (newest first), `state` events the section. */
function wireLive() {
  for (const target of document.querySelectorAll('[data-live]')) {
    const source = new EventSource(target.dataset.live);
    const limit = Number(target.dataset.liveLimit ?? 0);
    // says whether updates are flowing (tests and styles can wait on it)
    source.addEventListener('open', () => {
      target.dataset.liveState = 'open';
    });
    source.addEventListener('error', () => {
      target.dataset.liveState = 'reconnecting';
    });
    source.addEventListener('row', (event) => {
      const { key, html } = JSON.parse(event.data);
      const existing = target.querySelector(`[data-key="${CSS.escape(key)}"]`);
      if (!html) return existing?.remove();
      const holder = document.createElement('tbody');
      holder.innerHTML = html; // a row the server rendered and escaped
      const row = holder.firstElementChild;
      if (existing) existing.replaceWith(row);
      else {
        target.prepend(row);
        while (limit > 0 && target.rows.length > limit) target.lastElementChild.remove();
      }
    });
    source.addEventListener('state', (event) => {
      const { html, final } = JSON.parse(event.data);
      target.innerHTML = html; // the server's escaped fragment
      if (final) source.close();
    });
    source.addEventListener('end', () => {
      source.close();
      location.reload();
    });
    window.addEventListener('pagehide', () => source.close());
  }
}

document.addEventListener('DOMContentLoaded', () => {
  wireTableFilters();
  wireApiForms();
  wirePreview();
  wireButtons();
  wireLive();
});
