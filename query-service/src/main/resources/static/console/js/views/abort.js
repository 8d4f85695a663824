// Abort and rollback on the operation card: the Abort button of an operation that runs, failed or waits for
// clients; what an abort asked for or did (who, when, from which state), each node's TLS state as it left them
// (read back from the nodes once the worker has), and the Roll back button while the instance requires the
// rollback; what a rollback undoes.

import { h } from '../dom.js';
import { operationKindInText, timeElement, titleCase, tlsMode } from '../format.js';

/** The states an operation can be aborted from (RETRIED is running again). */
export const ABORTABLE = new Set(['RUNNING', 'RETRIED', 'FAILED', 'WAITING_FOR_CLIENTS']);

/** The #abort-action block with the Abort button, for operators and abortable operations; else null. */
export function abortAction(op, { mayOperate, onAbort }) {
  if (!mayOperate || !ABORTABLE.has(op.state)) {
    return null;
  }
  const abortError = h('div', { id: 'abort-error', class: 'action-error' });
  return h('div', { id: 'abort-action', class: 'action' },
    h('button', { type: 'button', id: 'abort-operation', class: 'secondary',
      onclick: () => onAbort(op, abortError) }, 'Abort'),
    h('span', { class: 'hint' }, op.state === 'FAILED' || op.state === 'WAITING_FOR_CLIENTS'
      ? 'Ends the operation where it stands; no node is restarted.'
      : 'Stops after the node in progress; the rest is not done.'),
    abortError);
}

/**
 * The #operation-abort block of an operation being aborted or aborted: who and when, how it left the nodes, and
 * the Roll back button when {@code rollbackRequired} (the status's) names it: the aborted operation itself, or the
 * aborted rollback of it (a new rollback then names the original operation again).
 */
export function abortBlock(op, { mayOperate, rollbackRequired, onRollBack }) {
  const abort = op.abort ?? {};
  if (op.state === 'ABORTING') {
    return h('div', { id: 'operation-abort', class: 'notice', role: 'status', dataset: { state: op.state } },
      h('p', {}, h('strong', {}, 'Aborting: '), 'no further step starts once the node in progress is done.',
        abort.requestedBy ? ` Asked by ${abort.requestedBy}` : '',
        abort.requestedAt ? [' at ', timeElement(abort.requestedAt)] : '', '.'));
  }
  const required = rollbackRequired && (rollbackRequired.operationId === op.operationId
    || rollbackRequired.rollbackOperationId === op.operationId) ? rollbackRequired : null;
  const rollbackError = h('div', { id: 'rollback-error', class: 'action-error' });
  const rollBack = required && mayOperate ? h('button', { type: 'button', id: 'roll-back-operation',
    class: 'primary', onclick: () => onRollBack(required, rollbackError) }, 'Roll back') : null;
  return h('div', { id: 'operation-abort', class: required ? 'problem' : 'notice', role: 'status',
    dataset: { state: op.state, rollbackRequired: String(Boolean(required)) } },
  h('p', {}, h('strong', {}, `Aborted${abort.stateBefore ? ` while ${titleCase(abort.stateBefore).toLowerCase()}`
    : ''}`), abort.abortedBy ? ` by ${abort.abortedBy}` : '',
  abort.abortedAt ? [' at ', timeElement(abort.abortedAt)] : '', '. ',
  required ? `The nodes are not all as before ${required.operationId === op.operationId ? 'it' : 'the '
    + `${operationKindInText(required.kind)} (${required.operationId})`}: only a rollback can run next. `
    + `It brings back ${restoredText(required.restores)}.`
    : abort.rollbackRequired ? `The nodes differed from before it; rollback ${abort.rollbackOperationId ?? ''} `
      + 'took them back.'
      : 'The nodes are as before it; the instance is free for other operations.'),
  abort.nodes?.length ? nodeTlsTable(abort.nodes, abort) : null,
  rollBack, rollbackError);
}

/** What a rollback operation undoes, for the card's meta line. */
export function rollsBackText(op) {
  return op.rollsBack ? ` · rolls back ${operationKindInText(op.rollsBack.kind)} (${op.rollsBack.operationId})`
    : '';
}

/** The state a rollback brings back, in words. */
export function restoredText(restores) {
  if (!restores) {
    return 'the state before the aborted operation';
  }
  return restores.sslStatus === 'ENABLED'
    ? `SSL on, ${tlsMode(restores.tlsMode)}, CA ${restores.caSerial ?? '?'}` : 'SSL off';
}

/**
 * Each node's TLS state as an abort left it: computed from the steps done until the worker has read the nodes
 * back ({@code nodesObservedAt}), then what each node answered, except the {@code unreadNodes} (with the reason).
 */
export function nodeTlsTable(nodes, { nodesObservedAt, unreadNodes } = {}) {
  const unread = unreadNodes ?? {};
  return h('div', { class: 'table-scroll' }, h('table', { id: 'abort-nodes',
    dataset: { observed: String(Boolean(nodesObservedAt)) } },
    h('caption', {}, nodesObservedAt ? ['Each node as read back from it at ', timeElement(nodesObservedAt)]
      : 'Each node as the abort left it, from the steps done (the nodes are read back next)'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'TLS mode'),
      h('th', { scope: 'col' }, 'Trusted CAs'), h('th', { scope: 'col' }, 'Certificate signed by CA'))),
    h('tbody', {}, nodes.map(node => h('tr', { dataset: { node: node.node, mode: node.mode ?? '',
      settled: String(node.settled) } },
    h('th', { scope: 'row' }, node.node, unread[node.node] ? ` (not read back: ${unread[node.node]})`
      : node.settled ? '' : ' (step was under way)'),
    h('td', {}, tlsMode(node.mode)),
    h('td', { class: 'mono' }, node.trustedCaSerials?.length ? node.trustedCaSerials.join(', ') : 'none'),
    h('td', { class: 'mono certificate-ca' }, node.certificateCaSerial ?? '—'))))));
}
