// The SSL card of an instance's SSL page: the status facts, the current CA, the switch (or why there is none) and
// why the actions are locked.

import { fill, h, refill } from '../dom.js';
import { expiryBadge, maintenanceWindowText, nodeCount, operationKind, timeElement, titleCase, tlsMode }
  from '../format.js';
import { statusBadge } from './instances.js';
import { enforcementControl } from './tls-enforcement.js';
import { ACTIVE, SCHEDULED, WAITING } from './operation-progress.js';
import { restoredText } from './abort.js';

/** The facts of the #ssl-status region: status, engine and topology, TLS mode, and a notice when stale. */
export function statusFacts(status) {
  const facts = [
    h('p', { class: 'status-line' }, 'SSL status: ', h('span', { id: 'ssl-status-value' },
      statusBadge(status.sslStatus))),
    h('p', { class: 'facts' }, `Engine ${status.engineVersion ?? '?'} · ${titleCase(status.topology ?? 'unknown')} · `
      + nodeCount(status.nodes?.length ?? 0)),
    h('p', { class: 'facts', id: 'tls-mode' }, 'TLS mode: ', h('span', { id: 'tls-mode-value',
      dataset: { mode: status.tlsMode ?? '' } }, tlsMode(status.tlsMode)),
    status.tlsEnforced ? h('span', { class: 'badge badge-enabled', id: 'tls-enforced' }, 'enforced') : null),
    h('p', { class: 'facts', id: 'maintenance-window' }, 'Maintenance window: ',
      status.maintenanceWindow ? maintenanceWindowText(status.maintenanceWindow) : 'none set'),
    h('p', { class: 'facts', id: 'renewal-policy' }, 'Automatic renewal of node certificates: ',
      status.renewalPolicy === 'IN_MAINTENANCE_WINDOW' ? 'in the maintenance window' : 'off'),
  ];
  const rollback = rollbackNotice(status);
  if (rollback) {
    facts.push(rollback);
  }
  if (status.stale) {
    facts.push(h('p', { class: 'notice', role: 'status' }, 'Some events of this instance never reached the read '
      + 'side, so this page may be behind. A rebuild of the read models fixes it.'));
  }
  return facts;
}

/** The #current-ca list while SSL is enabled; hidden otherwise. */
export function renderCaDetails(caDetails, status) {
  const ca = status.currentCa;
  if (ca && status.sslStatus === 'ENABLED') {
    caDetails.hidden = false;
    fill(caDetails,
      h('dt', {}, 'CA serial'), h('dd', { id: 'current-serial' }, ca.serial),
      h('dt', {}, 'SHA-256 fingerprint'), h('dd', { id: 'current-fingerprint', class: 'mono' },
        ca.sha256Fingerprint),
      h('dt', {}, 'Valid'), h('dd', {}, timeElement(ca.notBefore), ' – ', timeElement(ca.notAfter), ' ',
        expiryBadge(ca, 'ca-expiry')),
      h('dt', {}, 'Key'), h('dd', {}, ca.keyAlgorithm ?? '—'));
  } else {
    caDetails.hidden = true;
    fill(caDetails);
  }
}

/**
 * Why no change can be sent now (a command being sent, an operation running, being aborted, failed or waiting, an
 * aborted operation that requires its rollback), or null.
 */
export function lockText({ sending, operation: op, status }) {
  if (sending) {
    return 'Sending the command…';
  }
  const required = status?.rollbackRequired;
  if (!op) {
    return required ? rollbackLock(required) : null;
  }
  const what = op.kind ? `${operationKind(op.kind)} (${op.operationId})` : `Operation ${op.operationId}`;
  if (op.state === 'ABORTING') {
    return `Locked: ${what} is being aborted; it stops after the node in progress.`;
  }
  if (ACTIVE.has(op.state) || op.state === 'PENDING') {
    return `Locked: ${what} is changing the nodes, ${op.nodesDone ?? 0} of ${op.nodesTotal ?? '?'} steps done.`;
  }
  if (op.state === 'FAILED') {
    return `Locked: ${what} failed and waits for a retry.`;
  }
  if (op.state === SCHEDULED) {
    return `Locked: ${what} waits for the maintenance window; cancel it to run another operation now.`;
  }
  if (op.state === WAITING) {
    return `Locked: ${what} waits for clients to move to the new CA; finish the rotation to go on.`;
  }
  return required ? rollbackLock(required) : null;
}

function rollbackLock(required) {
  return `Locked: ${operationKind(required.kind)} (${required.operationId}) was aborted and left the nodes in `
    + 'different TLS states; roll it back to go on.';
}

/** The #rollback-required notice of the SSL card while an aborted operation waits for its rollback; else null. */
export function rollbackNotice(status) {
  const required = status.rollbackRequired;
  if (!required) {
    return null;
  }
  return h('p', { id: 'rollback-required', class: 'notice', role: 'status',
    dataset: { operationId: required.operationId } },
  h('strong', {}, 'Rollback required. '),
  `${operationKind(required.kind)} (${required.operationId}) was aborted`,
  required.abortedBy ? ` by ${required.abortedBy}` : '', ' and left the nodes in different TLS states. ',
  required.rollbackOperationId ? `Rollback ${required.rollbackOperationId} ` : 'A rollback ',
  `brings back ${restoredText(required.restores)}.`);
}

/**
 * The #ssl-switch-area: why SSL cannot be enabled ({@code notEligible}), that the role may only view, or the
 * switch and the TLS enforcement control.
 */
export function renderSwitch(switchArea, { status, lock, notEligible, mayOperate, roles, onToggle, onEnforce }) {
  const enabled = status.sslStatus === 'ENABLED';
  if (notEligible && !enabled) {
    fill(switchArea, h('p', { id: 'not-eligible', class: 'notice', role: 'note' },
      h('strong', {}, 'SSL cannot be enabled for this instance. '), notEligible));
  } else if (!mayOperate) {
    fill(switchArea, h('p', { id: 'read-only', class: 'hint' },
      `Your role (${roles?.join(', ') || 'none'}) can view the SSL settings of this instance but not `
      + 'change them.'));
  } else {
    const sslSwitch = h('button', { type: 'button', role: 'switch', id: 'ssl-switch',
      'aria-checked': String(enabled), 'aria-labelledby': 'ssl-switch-label',
      'aria-describedby': lock ? 'lock-reason' : null, 'aria-disabled': lock ? 'true' : null,
      class: 'switch', onclick: () => onToggle() },
    h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })),
    h('span', { class: 'switch-state', 'aria-hidden': 'true' }, enabled ? 'On' : 'Off'));
    refill(switchArea, h('div', { class: 'switch-row' },
      h('span', { id: 'ssl-switch-label' }, 'Encrypt connections (TLS)'), sslSwitch),
    enforcementControl(status, { lock, onToggle: requireTls => onEnforce(requireTls) }));
  }
}
