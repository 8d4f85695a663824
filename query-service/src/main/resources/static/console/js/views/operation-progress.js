// The operation card of an instance's SSL page: title, progress bar of the current pass, failure with its retry,
// the wait for clients with its finish, then the passes and the nodes of the operation.

import { h } from '../dom.js';
import { duration, operationKind, timeElement, titleCase } from '../format.js';
import { operationPasses, passName } from './operation-passes.js';
import { operationNodes } from './operation-nodes.js';
import { waitingBlock } from './rotation.js';

/** States of an operation that is changing the nodes (PENDING too, before its first event). */
export const ACTIVE = new Set(['RUNNING', 'RETRIED']);
export const WAITING = 'WAITING_FOR_CLIENTS';

/** Whether the live stream of an operation ends with this state. */
export function isTerminal(op) {
  return op.state === 'COMPLETED' || op.state === 'FAILED' || op.state === WAITING;
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
 * The content of the #operation section. {@code onRetry(op, errorArea)} and {@code onFinish(op, errorArea)} run
 * the Retry and Finish rotation buttons, shown only when {@code mayOperate}.
 */
export function operationContent(op, { mayOperate, onRetry, onFinish }) {
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
      op.totalMillis != null && !active ? ` · took ${duration(op.totalMillis)}` : ''),
    h('div', { class: 'progress-row' }, progress,
      h('span', { id: 'operation-progress-label', dataset: { state: op.state, operationId: op.operationId } },
        `${label} · ${titleCase(op.state)}${remaining}`)),
    h('p', { id: 'operation-stream-note', class: 'hint', role: 'status', hidden: true }),
    h('div', { id: 'operation-stream-error' }),
  ];
  if (op.state === 'FAILED' && op.failure) {
    children.push(failureBlock(op, { mayOperate, onRetry }));
  }
  if (op.state === WAITING) {
    const finishError = h('div', { id: 'finish-error', class: 'action-error' });
    children.push(waitingBlock(op, { mayOperate, errorArea: finishError,
      onFinish: () => onFinish(op, finishError) }));
  }
  children.push(operationPasses(op), operationNodes(op));
  return children;
}

function operationTitle(op, active) {
  return active ? `${operationKind(op.kind)} in progress`
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
