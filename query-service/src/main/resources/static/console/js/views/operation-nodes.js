// An operation's nodes over all its passes (#operation-nodes): one row per node in the order the rolling restart
// took them, its overall state, its longest time unreachable (one restart) and how long its steps took in total.

import { h } from '../dom.js';
import { duration, titleCase } from '../format.js';

export function operationNodes(op) {
  const rows = restartOrder(op.nodes ?? []);
  return h('div', { class: 'table-scroll' }, h('table', { id: 'operation-nodes' },
    h('caption', { class: 'visually-hidden' }, 'Nodes in restart order'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'Role'),
      h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Longest unreachable'),
      h('th', { scope: 'col' }, 'Steps took'))),
    h('tbody', {}, rows.map((node, index) => {
      const steps = node.steps ?? [];
      const unreachable = longest(steps, 'unreachableMillis');
      const took = sum(steps, 'durationMillis');
      return h('tr', { dataset: { node: node.name, state: node.state } },
        h('td', {}, String(index + 1)),
        h('th', { scope: 'row' }, node.name),
        h('td', {}, titleCase(node.role ?? '')),
        h('td', { class: `node-state node-${String(node.state).toLowerCase()}` }, nodeState(node.state)),
        h('td', { class: 'unreachable' }, unreachable != null ? duration(unreachable)
          : node.state === 'RESTARTING' ? 'unreachable now' : '—'),
        h('td', {}, took != null ? duration(took) : '—'));
    }))));
}

/** Total of a field over the steps that have it; null when none has. */
function sum(steps, field) {
  const values = present(steps, field);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

/** Largest value of a field over the steps that have it; null when none has. */
function longest(steps, field) {
  const values = present(steps, field);
  return values.length ? Math.max(...values) : null;
}

function present(steps, field) {
  return steps.map(s => s[field]).filter(v => v !== null && v !== undefined);
}

/**
 * Restart order: nodes by the start of their first step (the first pass restarts secondaries first and the primary
 * last); the ones still waiting after, secondaries first.
 */
function restartOrder(nodes) {
  const started = node => {
    const at = node.steps?.find(s => s.startedAt)?.startedAt;
    return at ? Date.parse(at) : null;
  };
  return [...nodes].sort((a, b) => {
    const sa = started(a);
    const sb = started(b);
    if (sa !== null && sb !== null) {
      return sa - sb;
    }
    if (sa !== null || sb !== null) {
      return sa !== null ? -1 : 1;
    }
    return (a.role === 'PRIMARY') - (b.role === 'PRIMARY');
  });
}

function nodeState(value) {
  switch (value) {
    case 'PENDING': return 'Waiting';
    case 'RESTARTING': return 'Restarting';
    case 'RESTARTED': return 'Done';
    case 'FAILED': return 'Failed';
    default: return titleCase(value ?? 'unknown');
  }
}
