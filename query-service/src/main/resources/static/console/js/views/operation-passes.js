// An operation's passes as groups of node steps: what each pass does, which one runs, and per node the state, the
// role the node had when its step began and what it reported afterwards.

import { h } from '../dom.js';
import { duration, titleCase, tlsMode } from '../format.js';

const STEP_STATE = { PENDING: 'Waiting', RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed' };

/** The #operation-passes region, or null for an operation whose passes are not known yet. */
export function operationPasses(op) {
  const passes = op.passes ?? [];
  if (!passes.length) {
    return null;
  }
  return h('div', { id: 'operation-passes' },
    h('h3', { class: 'passes-title' }, `Passes (${passes.length})`),
    passes.map(pass => passGroup(op, pass, passes.length)));
}

/** "Pass 2 of 3" plus what it means for the nodes, with its steps. */
function passGroup(op, pass, count) {
  const current = pass.number === op.currentPass && op.state !== 'COMPLETED';
  const heading = h('h4', { class: 'pass-title', id: `pass-${pass.number}-title` },
    `Pass ${pass.number} of ${count}: ${passName(pass.name)}`,
    current ? h('span', { class: 'badge badge-current', id: 'current-pass' }, 'current') : null,
    h('span', { class: `badge pass-state pass-${String(pass.state).toLowerCase()}` }, titleCase(pass.state ?? '')));
  return h('section', { class: `pass${current ? ' pass-current' : ''}`, 'aria-labelledby': heading.id,
    dataset: { pass: String(pass.number), state: pass.state ?? '', current: String(current) } },
  heading,
  h('p', { class: 'hint pass-what' }, describe(pass, op.kind === 'ROLLBACK')),
  h('div', { class: 'table-scroll' }, h('table', { class: 'pass-steps' },
    h('caption', { class: 'visually-hidden' }, `Steps of pass ${pass.number}`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'Role at step'),
      h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Unreachable'),
      h('th', { scope: 'col' }, 'Took'), h('th', { scope: 'col' }, 'Read back'))),
    h('tbody', {}, (pass.steps ?? []).map(step => h('tr', { dataset: { node: step.node, state: step.state } },
      h('th', { scope: 'row' }, step.node),
      h('td', { class: 'step-role' }, step.role ? titleCase(step.role) : '—'),
      h('td', { class: `node-state step-${String(step.state).toLowerCase()}` },
        STEP_STATE[step.state] ?? titleCase(step.state ?? '')),
      h('td', {}, step.unreachableMillis != null ? duration(step.unreachableMillis) : '—'),
      h('td', {}, step.durationMillis != null ? duration(step.durationMillis) : '—'),
      h('td', { class: 'step-observed' }, observed(step.observed))))))));
}

/** A rollback's CA is the one before the aborted operation: its passes go back to it. */
function describe(pass, rollback) {
  const how = pass.action === 'RUNTIME' ? 'Runtime change, no restart' : 'Rolling restart, one node at a time';
  const certificate = pass.certificate === 'NEW'
    ? rollback ? '; node certificates of the previous CA again' : '; new node certificates' : '';
  const trust = (rollback
    ? { BUNDLE: '; nodes trust both CAs', OPERATION_CA: '; nodes trust the previous CA alone again',
      NONE: '; no CA file' }
    : { BUNDLE: '; nodes trust the old and the new CA', OPERATION_CA: '; nodes trust the new CA alone',
      NONE: '; no CA file' })[pass.trust] ?? '';
  return `${how}: every node ends in ${tlsMode(pass.mode)}${certificate}${trust}.`;
}

function observed(seen) {
  if (!seen) {
    return '—';
  }
  const trust = seen.trustedCaSerials?.length ? `trusts ${seen.trustedCaSerials.join(', ')}` : 'trusts no CA';
  return `${seen.mode ?? '?'}, ${trust}${seen.role ? `, ${titleCase(seen.role)}` : ''}`;
}

const PASS_NAMES = {
  ALLOW_TLS: 'Allow TLS', PREFER_TLS: 'Prefer TLS', REQUIRE_TLS: 'Require TLS', CA_BUNDLE: 'CA bundle',
  NEW_CERTIFICATES: 'New certificates', NEW_CA_ONLY: 'New CA only', DOWN_TO_PREFER_TLS: 'Down to preferTLS',
  DOWN_TO_ALLOW_TLS: 'Down to allowTLS', TLS_DISABLED: 'TLS disabled', RESTART: 'Rolling restart',
  PREVIOUS_CA_CERTIFICATES: 'Previous CA certificates', PREVIOUS_CA_ONLY: 'Previous CA only',
};

export function passName(name) {
  return PASS_NAMES[name] ?? titleCase(name ?? 'unnamed');
}
