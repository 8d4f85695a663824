// The confirmations an instance's SSL page asks before it sends a change: what the change does to the nodes and
// to clients, with the restart warning. Each resolves with the choices (or true) for OK, null (or false) otherwise.

import { confirmAction, confirmChoices, restartWarning } from '../dialog.js';
import { maintenanceWindowText, operationKindInText } from '../format.js';

/** The CA key algorithms, as the command service names them (CertificateOptions.KEY_ALGORITHMS). */
const KEY_ALGORITHMS = ['RSA-2048', 'RSA-3072', 'RSA-4096', 'EC-P256', 'EC-P384'];
import { enforcementParagraphs } from './tls-enforcement.js';
import { restoredText } from './abort.js';

/** Turning SSL on (with the Require TLS option) or off. */
export function confirmSwitch(instanceId, status, enabling) {
  return confirmChoices({
    title: enabling ? `Turn SSL on for ${instanceId}?` : `Turn SSL off for ${instanceId}?`,
    paragraphs: [
      enabling ? 'A new CA certificate is issued and every node is restarted with TLS allowed, then moved to '
        + 'preferTLS without a restart. Clients can still connect without TLS; download the CA certificate to '
        + 'connect with TLS.'
        : 'Every node is restarted down one TLS mode per pass until TLS is off; clients that insist on TLS can '
        + 'no longer connect.',
      ...restartWarning(instanceId, status.nodes?.length),
    ],
    options: enabling ? [{ id: 'require-tls-option', label: 'Require TLS (force encryption)',
      hint: 'A last pass moves every node to requireTLS: clients without TLS are refused.' }] : [],
    groups: [scheduleGroup(status), ...(enabling ? [newCaGroup()] : [])].filter(Boolean),
    okLabel: 'OK',
  });
}

/** Requiring TLS, or no longer requiring it (which restarts the nodes). */
export function confirmEnforcement(instanceId, status, requireTls) {
  return confirmAction({
    title: requireTls ? `Require TLS on ${instanceId}?` : `Stop requiring TLS on ${instanceId}?`,
    paragraphs: [...enforcementParagraphs(instanceId, requireTls),
      ...(requireTls ? [] : restartWarning(instanceId, status.nodes?.length))],
  });
}

/** Updating the certificate (with the option to keep the old CA until finished). */
export function confirmRotation(instanceId, status) {
  return confirmChoices({
    title: `Update the certificate of ${instanceId}?`,
    paragraphs: [
      'A new CA certificate replaces the current one in three passes: every node first trusts both CAs, then '
        + 'gets a certificate signed by the new CA, then trusts the new CA alone. Switch applications that '
        + 'verify the CA to the CA bundle (offered during the update) before the second pass.',
      ...restartWarning(instanceId, status?.nodes?.length),
    ],
    options: [{ id: 'hold-old-ca-option', label: 'Keep the old CA until I finish',
      hint: 'The update waits after the second pass, both CAs trusted, until you finish the rotation.' }],
    groups: [scheduleGroup(status), newCaGroup()].filter(Boolean),
  });
}

/** Renewing every node's certificate under the current CA. */
export function confirmRenewal(instanceId, status) {
  return confirmChoices({
    title: `Renew the node certificates of ${instanceId}?`,
    paragraphs: [
      'Every node gets a new certificate signed by the current CA, which clients already trust: applications '
        + 'change nothing. Use it when node certificates are due for renewal; a CA near its end needs an update '
        + 'of the certificate instead.',
      ...restartWarning(instanceId, status?.nodes?.length),
    ],
    groups: [scheduleGroup(status)].filter(Boolean),
  });
}

/** Cancelling an operation that waits for the maintenance window: nothing was changed, nothing will be. */
export function confirmCancelScheduled(instanceId, op) {
  return confirmAction({
    title: `Cancel the scheduled ${operationKindInText(op.kind)} of ${instanceId}?`,
    paragraphs: ['The operation has not started: no node was touched, and none will be. Ask for it again to '
      + 'run it later.'],
    okLabel: 'Cancel operation',
  });
}

/** The request's schedule from the dialog's choice (absent: now). */
export function scheduleRequest(choices) {
  return choices['schedule-option'] === 'MAINTENANCE_WINDOW' ? { schedule: 'MAINTENANCE_WINDOW' } : {};
}

// when it runs: now, or in the instance's maintenance window (offered only when one is set)
function scheduleGroup(status) {
  const window = status?.maintenanceWindow;
  if (!window) {
    return null;
  }
  return { legend: 'When', fields: [{ id: 'schedule-option', label: 'Run',
    hint: 'In the window, the instance is held for this operation until it starts; it can be cancelled until then.',
    choices: [{ value: 'NOW', label: 'Now' },
      { value: 'MAINTENANCE_WINDOW', label: `In the maintenance window (${maintenanceWindowText(window)})` }] }] };
}

/**
 * The request fields of the certificate choices in {@code choices} (from {@link newCaFields}): only those the
 * operator set, so the deployment's defaults apply to the rest.
 */
export function certificateRequest(choices) {
  const days = value => (value ? `P${value}D` : undefined);
  return {
    caKeyAlgorithm: choices['ca-key-option'] || undefined,
    caValidity: days(choices['ca-validity-option']),
    nodeCertificateValidity: days(choices['node-validity-option']),
  };
}

// the key and lifetimes of a new CA and its node certificates; the command service checks them against its bounds
function newCaGroup() {
  return { legend: 'Certificates', fields: [
    { id: 'ca-key-option', label: 'CA key', hint: 'The key algorithm of the new CA.',
      choices: [{ value: '', label: 'Deployment default' }, ...KEY_ALGORITHMS.map(a => ({ value: a, label: a }))] },
    { id: 'ca-validity-option', label: 'CA valid for (days)', placeholder: 'default',
      hint: 'Empty: the deployment\'s CA lifetime.' },
    { id: 'node-validity-option', label: 'Node certificates valid for (days)', placeholder: 'default',
      hint: 'Empty: the deployment\'s node certificate lifetime.' },
  ] };
}

/** Finishing a rotation that waits for clients: the old CA is removed. */
export function confirmFinishRotation(instanceId, status) {
  return confirmAction({
    title: `Finish the certificate update of ${instanceId}?`,
    paragraphs: ['The last pass restarts every node with the new CA alone: clients that still hold only the old '
      + 'CA can no longer verify the nodes.', ...restartWarning(instanceId, status?.nodes?.length)],
  });
}

/** Retrying a failed operation from its failed step. */
export function confirmRetry(instanceId, op) {
  return confirmAction({
    title: `Retry ${operationKindInText(op.kind)} on ${instanceId}?`,
    paragraphs: [`The rolling restart resumes at node ${op.failure?.nodeName ?? '?'}.`,
      ...restartWarning(instanceId, op.nodesTotal)],
  });
}

/** Aborting an operation that runs, failed or waits for clients. */
export function confirmAbort(instanceId, op) {
  const running = op.state === 'RUNNING' || op.state === 'RETRIED';
  return confirmChoices({
    title: `Abort the ${operationKindInText(op.kind)} of ${instanceId}?`,
    paragraphs: [
      running ? 'The node in progress finishes its step; no further step starts.'
        : 'The operation ends where it stands; no node is restarted.',
      'Nodes already changed stay as they are. If they no longer match the state before the operation, only a '
        + 'rollback can run next, and the page offers it.',
    ],
    okLabel: 'Abort operation',
  });
}

/** Rolling back the aborted operation that left the nodes in different TLS states. */
export function confirmRollback(instanceId, required, nodeTotal) {
  return confirmChoices({
    title: `Roll back the ${operationKindInText(required.kind)} of ${instanceId}?`,
    paragraphs: [
      `A new operation brings every node back to the state before ${required.operationId}: `
        + `${restoredText(required.restores)}.`,
      ...restartWarning(instanceId, nodeTotal),
    ],
    okLabel: 'Roll back',
  });
}
