// The operation card of an instance's SSL page: title, progress bar of the current pass, failure with its retry,
// the wait for clients with its finish, abort and rollback, then the passes and the nodes of the operation.

import { h } from '../dom.js';
import { duration, isoDurationMillis, operationKind, timeElement, titleCase } from '../format.js';
import { operationPasses, passName } from './operation-passes.js';
import { operationNodes } from './operation-nodes.js';
import { waitingBlock } from './rotation.js';
import { abortAction, abortBlock, rollsBackText } from './abort.js';

/**
 * States of an operation that is changing the nodes (PENDING too, before its first event); ABORTING still finishes
 * the node in progress.
 */
export const ACTIVE = new Set(['RUNNING', 'RETRIED', 'ABORTING']);
export const WAITING = 'WAITING_FOR_CLIENTS';
/** An operation that waits for the maintenance window: followed live, so the page sees it start. */
export const SCHEDULED = 'SCHEDULED';

/** Whether the live stream of an operation ends with this state. */
export function isTerminal(op) {
  return op.state === 'COMPLETED' || op.state === 'FAILED' || op.state === WAITING || op.state === 'CANCELLED'
    || op.state === 'ABORTED';
}

/** What the card shows of an operation just sent, before its first event: every node pending. */
export function placeholderOperation(operationId, status) {
  return {
    operationId, kind: null, state: 'PENDING', attempt: 0, nodesDone: 0,
    nodesTotal: status?.nodes?.length ?? 0,
    nodes: (status?.nodes ?? []).map(n => ({ ...n, state: 'PENDING', steps: [] })),
  };
}

/**
 * The content of the #operation section. {@code onRetry(op, errorArea)}, {@code onFinish(op, errorArea)},
 * {@code onCancel(op, errorArea)}, {@code onAbort(op, errorArea)} and {@code onRollBack(rollbackRequired,
 * errorArea)} run the Retry, Finish rotation, Cancel, Abort and Roll back buttons, shown only when
 * {@code mayOperate}; {@code rollbackRequired} is the status's.
 */
export function operationContent(op, { mayOperate, onRetry, onFinish, onCancel, onAbort, onRollBack,
  rollbackRequired }) {
  const active = ACTIVE.has(op.state) || op.state === 'PENDING';
  const { done, total, label } = passProgress(op);
  const progress = h('progress', { id: 'operation-progress', max: String(Math.max(total, 1)),
    value: String(done), 'aria-labelledby': 'operation-progress-label' });
  const remaining = active && op.estimatedRemainingMillis != null
    ? ` · about ${duration(op.estimatedRemainingMillis)} left` : '';
  const children = [
    h('h2', { id: 'operation-title' }, operationTitle(op, active)),
    h('p', { class: 'operation-meta' }, `Operation ${op.operationId}`,
      op.attempt > 1 ? ` · attempt ${op.attempt}` : '', op.startedBy ? ` · started by ${op.startedBy}` : '',
      op.startedAt ? [' · ', timeElement(op.startedAt)] : '',
      op.totalMillis != null && !active ? ` · took ${duration(op.totalMillis)}` : '',
      op.stepTimeout ? ` · step timeout ${stepTimeoutText(op.stepTimeout)}` : '',
      rollsBackText(op)),
    h('div', { class: 'progress-row' }, progress,
      h('span', { id: 'operation-progress-label', dataset: { state: op.state, operationId: op.operationId } },
        `${label} · ${titleCase(op.state)}${remaining}`)),
    h('p', { id: 'operation-stream-note', class: 'hint', role: 'status', hidden: true }),
    h('div', { id: 'operation-stream-error' }),
  ];
  if (op.state === 'FAILED' && op.failure) {
    children.push(failureBlock(op, { mayOperate, onRetry }));
  }
  if (op.state === SCHEDULED || op.state === 'CANCELLED') {
    children.push(scheduledBlock(op, { mayOperate, onCancel }));
  }
  if (op.state === WAITING) {
    const finishError = h('div', { id: 'finish-error', class: 'action-error' });
    children.push(waitingBlock(op, { mayOperate, errorArea: finishError,
      onFinish: () => onFinish(op, finishError) }));
  }
  if (op.state === 'ABORTING' || op.state === 'ABORTED') {
    children.push(abortBlock(op, { mayOperate, rollbackRequired, onRollBack }));
  }
  children.push(abortAction(op, { mayOperate, onAbort }), operationPasses(op), operationNodes(op));
  return children;
}

/** The worker's step timeout (ISO-8601, derived from the collection count) in words; as sent if not H/M/S. */
function stepTimeoutText(iso) {
  const millis = isoDurationMillis(iso);
  return millis === null ? iso : duration(millis);
}

function operationTitle(op, active) {
  return op.state === 'ABORTING' ? `${operationKind(op.kind)} aborting`
    : op.state === 'ABORTED' ? `Last operation: ${operationKind(op.kind)} (aborted)`
    : active ? `${operationKind(op.kind)} in progress`
    : op.state === SCHEDULED ? `${operationKind(op.kind)} scheduled`
    : op.state === 'CANCELLED' ? `Last operation: ${operationKind(op.kind)} (cancelled)`
    : op.state === 'FAILED' ? `${operationKind(op.kind)} failed`
      : op.state === WAITING ? `${operationKind(op.kind)} waits for clients`
        : `Last operation: ${operationKind(op.kind)}`;
}

/**
 * The progress bar follows the current pass (nodes done of the nodes in it), the label also counts every step:
 * a pass is what a person watches go by, node by node.
 */
function passProgress(op) {
  const steps = `${op.stepsDone ?? op.nodesDone ?? 0} of ${op.stepsTotal ?? op.nodesTotal ?? 0} steps done`;
  const pass = op.passes?.find(p => p.number === op.currentPass);
  if (!pass) {
    const total = op.nodesTotal || op.nodes?.length || 0;
    return { done: op.nodesDone ?? 0, total, label: `${op.nodesDone ?? 0} of ${total} nodes` };
  }
  const total = pass.steps?.length ?? 0;
  return { done: pass.stepsDone ?? 0, total,
    label: `Pass ${pass.number} of ${op.passes.length} (${passName(pass.name)}): ${pass.stepsDone ?? 0} of `
      + `${total} nodes · ${steps}` };
}

function failureBlock(op, { mayOperate, onRetry }) {
  const retryError = h('div', { id: 'retry-error', class: 'action-error' });
  const retry = mayOperate ? h('button', { type: 'button', id: 'retry-operation', class: 'primary',
    onclick: () => onRetry(op, retryError) }, 'Retry') : null;
  return h('div', { id: 'operation-failure', class: 'problem', role: 'alert' },
    h('p', {}, h('strong', {}, op.failure.code === 'PREFLIGHT_FAILED'
      ? 'The replica set was not healthy before the first change; no node was touched. '
      : `The operation stopped in pass ${op.failure.pass ?? 1} at node ${op.failure.nodeName ?? '?'}. `),
    `Reason: ${op.failure.reason}`, op.failure.code ? ` (${op.failure.code})` : '',
    op.failure.failedAt ? [' (', timeElement(op.failure.failedAt), ')'] : ''),
    h('p', {}, 'Steps already done are not done again; a retry resumes at the failed step.'),
    retry, retryError);
}

// when a scheduled operation starts (or that it was cancelled before it did), with its Cancel button
function scheduledBlock(op, { mayOperate, onCancel }) {
  const scheduled = op.scheduled ?? {};
  if (op.state === 'CANCELLED') {
    return h('p', { id: 'operation-scheduled', class: 'notice', dataset: { state: op.state } },
      'Cancelled before it started: no node was touched.');
  }
  const cancelError = h('div', { id: 'cancel-error', class: 'action-error' });
  const cancel = mayOperate ? h('button', { type: 'button', id: 'cancel-operation', class: 'secondary',
    onclick: () => onCancel(op, cancelError) }, 'Cancel') : null;
  return h('div', { id: 'operation-scheduled', class: 'notice', dataset: { state: op.state } },
    h('p', {}, 'Waits for the maintenance window: it starts at ',
      scheduled.startsAt ? timeElement(scheduled.startsAt) : '?', ' (the window closes at ',
      scheduled.windowEndsAt ? timeElement(scheduled.windowEndsAt) : '?', ').',
      scheduled.deferrals ? ` It missed ${scheduled.deferrals} window(s) and was moved to the next.` : '',
      scheduled.scheduledBy ? ` Scheduled by ${scheduled.scheduledBy}.` : ''),
    h('p', {}, 'No node changes until then; the instance takes no other operation, so cancel it to run one now.'),
    cancel, cancelError);
}
