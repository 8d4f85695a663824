// The instance list: search by id, filter by SSL status, cursor pagination (the query API's nextCursor).

import { fill, focusOn, h } from '../dom.js';
import { operationKind, sslStatus } from '../format.js';
import { problemBlock } from './problem.js';

const PAGE_SIZES = [10, 20, 50, 100];

export function renderInstances(main, { api, session, params }) {
  const limit = clampLimit(params.get('limit'));
  const state = { status: params.get('status') ?? '', search: params.get('q') ?? '', cursors: [null], page: 0 };
  let disposed = false;

  const searchInput = h('input', { id: 'instance-search', type: 'search', name: 'q', value: state.search,
    placeholder: 'e.g. rs-orders-1', autocomplete: 'off', spellcheck: 'false' });
  const statusSelect = h('select', { id: 'ssl-filter', name: 'status' },
    h('option', { value: '' }, 'Any'),
    h('option', { value: 'ENABLED' }, 'Enabled'),
    h('option', { value: 'DISABLED' }, 'Disabled'));
  statusSelect.value = state.status;
  const sizeSelect = h('select', { id: 'page-size', name: 'limit' },
    PAGE_SIZES.concat(PAGE_SIZES.includes(limit) ? [] : [limit]).sort((a, b) => a - b)
      .map(size => h('option', { value: String(size) }, String(size))));
  sizeSelect.value = String(limit);

  const form = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Find instances' },
    h('div', { class: 'field' }, h('label', { for: 'instance-search' }, 'Instance id'), searchInput),
    h('div', { class: 'field' }, h('label', { for: 'ssl-filter' }, 'SSL status'), statusSelect),
    h('div', { class: 'field' }, h('label', { for: 'page-size' }, 'Per page'), sizeSelect),
    h('div', { class: 'field field-actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
      h('button', { type: 'button', class: 'secondary', onclick: () => {
        searchInput.value = '';
        statusSelect.value = '';
        apply();
      } }, 'Clear')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    apply();
  });
  statusSelect.addEventListener('change', () => apply());
  sizeSelect.addEventListener('change', () => apply());

  const results = h('section', { id: 'instance-results', 'aria-live': 'polite', 'aria-busy': 'true' });
  fill(main, h('h1', {}, 'Instances'), form, results);

  function apply() {
    const query = new URLSearchParams();
    if (searchInput.value.trim()) {
      query.set('q', searchInput.value.trim());
    }
    if (statusSelect.value) {
      query.set('status', statusSelect.value);
    }
    if (sizeSelect.value !== '20') {
      query.set('limit', sizeSelect.value);
    }
    const hash = `#/instances${query.size ? `?${query}` : ''}`;
    if (location.hash === hash) {
      state.search = searchInput.value.trim();
      state.status = statusSelect.value;
      state.cursors = [null];
      state.page = 0;
      load();
    } else {
      location.hash = hash; // re-renders through the router, so the address can be bookmarked
    }
  }

  async function load() {
    results.setAttribute('aria-busy', 'true');
    try {
      if (state.search) {
        await showSearch();
      } else {
        await showPage();
      }
    } catch (e) {
      if (!disposed) {
        fill(results, problemBlock(e, 'Loading the instances failed.'),
          h('button', { type: 'button', onclick: () => load() }, 'Try again'));
      }
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  }

  /** An id search looks the instance up directly (ids are exact; the list API is ordered by id, not searched). */
  async function showSearch() {
    let instance = null;
    try {
      instance = await api.json(api.query(`/instances/${encodeURIComponent(state.search)}/ssl`));
    } catch (e) {
      if (e.code !== 'INSTANCE_NOT_FOUND' && e.code !== 'VALIDATION_FAILED') {
        throw e;
      }
    }
    if (disposed) {
      return;
    }
    const matches = instance && (!state.status || instance.sslStatus === state.status) ? [instance] : [];
    fill(results,
      h('p', { class: 'result-count', role: 'status' }, matches.length
        ? `Instance ${state.search}` : `No instance has the id “${state.search}”${state.status
          ? ` with SSL ${sslStatus(state.status)}` : ''}.`),
      matches.length ? table(matches) : null);
  }

  async function showPage() {
    const query = new URLSearchParams({ limit: String(limit) });
    if (state.status) {
      query.set('sslStatus', state.status);
    }
    const cursor = state.cursors[state.page];
    if (cursor) {
      query.set('cursor', cursor);
    }
    const page = await api.json(api.query(`/instances?${query}`));
    if (disposed) {
      return;
    }
    state.cursors[state.page + 1] = page.nextCursor ?? undefined;
    const previous = h('button', { type: 'button', class: 'secondary', id: 'page-previous',
      disabled: state.page === 0, onclick: () => turn(-1) }, '← Previous');
    const next = h('button', { type: 'button', class: 'secondary', id: 'page-next',
      disabled: !page.nextCursor, onclick: () => turn(1) }, 'Next →');
    fill(results,
      page.items.length ? table(page.items)
        : h('p', { class: 'result-count', role: 'status' }, state.status
          ? `No instance has SSL ${sslStatus(state.status)}.` : 'No instance is registered yet.'),
      h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous,
        h('span', { id: 'page-number' }, `Page ${state.page + 1}`), next));
  }

  async function turn(delta) {
    state.page += delta;
    await load();
    focusOn(results.querySelector(delta > 0 ? '#page-next:not([disabled]), #page-previous'
      : '#page-previous:not([disabled]), #page-next'));
  }

  function table(items) {
    return h('div', { class: 'table-scroll' }, h('table', { class: 'instances' },
      h('caption', { class: 'visually-hidden' }, 'Registered instances and their SSL status'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Instance'),
        h('th', { scope: 'col' }, 'SSL status'),
        h('th', { scope: 'col' }, 'Engine'),
        h('th', { scope: 'col' }, 'Topology'),
        h('th', { scope: 'col' }, 'Nodes'),
        h('th', { scope: 'col' }, 'Operation'))),
      h('tbody', {}, items.map(instance => h('tr', { dataset: { instanceId: instance.instanceId } },
        h('th', { scope: 'row' }, h('a', { href: `#/instances/${encodeURIComponent(instance.instanceId)}/ssl` },
          instance.instanceId)),
        h('td', {}, statusBadge(instance.sslStatus)),
        h('td', {}, instance.engineVersion ?? '—'),
        h('td', {}, instance.topology ?? '—'),
        h('td', {}, String(instance.nodes?.length ?? 0)),
        h('td', {}, operationSummary(instance.operation, instance.rollbackRequired)))))));
  }

  load();
  focusOn(main.querySelector('h1'));
  return {
    dispose() {
      disposed = true;
    },
  };
}

export function statusBadge(status) {
  return h('span', { class: `badge badge-${String(status ?? 'unknown').toLowerCase()}` }, sslStatus(status));
}

function operationSummary(operation, rollbackRequired) {
  if (!operation) {
    return '—';
  }
  const kind = operationKind(operation.kind);
  if (rollbackRequired && operation.state === 'ABORTED') {
    return `${kind}: aborted, rollback required`;
  }
  switch (operation.state) {
    case 'ABORTING':
      return `${kind}: aborting`;
    case 'ABORTED':
      return `${kind}: aborted`;
    case 'SCHEDULED':
      return `${kind}: scheduled`;
    case 'CANCELLED':
      return `${kind}: cancelled`;
    case 'RUNNING':
    case 'RETRIED':
      return `${kind}: pass ${operation.currentPass ?? 1}/${operation.passCount ?? 1}, `
        + `${operation.nodesDone}/${operation.nodesTotal} steps`;
    case 'WAITING_FOR_CLIENTS':
      return `${kind}: waiting for clients (finish the rotation)`;
    case 'FAILED':
      return `${kind}: failed, waiting for a retry`;
    default:
      return `${kind}: completed`;
  }
}

function clampLimit(raw) {
  const value = Number.parseInt(raw ?? '', 10);
  return Number.isInteger(value) && value >= 1 && value <= 500 ? value : 20;
}
