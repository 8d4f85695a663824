// An instance's "Data Security > SSL" page: status and switch, TLS enforcement, certificate actions, live progress
// of an operation's passes (fetch-read server-sent events), failure and retry, a rotation waiting for clients and
// its finish, the nodes as read back, certificate history and the audit timeline. The parts it shows are built by
// the modules it imports; this file keeps the page's state and actions.

import { fill, focusOn, h, refill } from '../dom.js';
import { confirmAction, confirmChoices, restartWarning } from '../dialog.js';
import { dateTime, duration, nodeCount, operationKind, timeElement, titleCase, tlsMode } from '../format.js';
import { followStream } from '../sse.js';
import { eligibility } from '../eligibility.js';
import { downloadPem } from '../download.js';
import { problemBlock } from './problem.js';
import { loadAuditTimeline, loadCertificateHistory } from './history-audit.js';
import { statusBadge } from './instances.js';
import { operationPasses, passName } from './operation-passes.js';
import { operationNodes } from './operation-nodes.js';
import { nodeStatusTable } from './node-status.js';
import { rotationBlock, waitingBlock } from './rotation.js';
import { enforcementControl, enforcementParagraphs } from './tls-enforcement.js';

const ACTIVE = new Set(['RUNNING', 'RETRIED']);
const WAITING = 'WAITING_FOR_CLIENTS';

export function renderSslPage(main, { api, session, instanceId }) {
  const id = encodeURIComponent(instanceId);
  const mayOperate = session.mayOperate(instanceId);
  const state = {
    status: null,
    operation: null, // full OperationResponse of the running or last operation
    follow: null,
    sending: false,
    disposed: false,
  };

  // ---- layout ----
  const heading = h('h1', { id: 'page-title' }, 'SSL');
  const statusRegion = h('div', { id: 'ssl-status', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const switchArea = h('div', { id: 'ssl-switch-area' });
  const lockReason = h('p', { id: 'lock-reason', class: 'lock-reason', role: 'status', hidden: true });
  const switchError = h('div', { id: 'switch-error', class: 'action-error' });
  const caDetails = h('dl', { id: 'current-ca', class: 'details', hidden: true });
  const rotateButton = h('button', { type: 'button', id: 'rotate-certificate', 'aria-describedby': 'rotate-hint',
    onclick: () => rotate() }, 'Update Certificate');
  const rotateHint = h('span', { id: 'rotate-hint', class: 'hint' });
  const rotateError = h('div', { id: 'rotate-error', class: 'action-error' });
  const downloadButton = h('button', { type: 'button', id: 'download-certificate',
    'aria-describedby': 'download-hint', onclick: () => download() }, 'Download Certificate');
  const downloadHint = h('span', { id: 'download-hint', class: 'hint' });
  const downloadResult = h('div', { id: 'download-result', class: 'action-error', 'aria-live': 'polite' });
  const rotationArea = h('div', { id: 'rotation-area' });
  const bundleResult = h('div', { id: 'bundle-result', class: 'action-error', 'aria-live': 'polite' });
  const nodesBody = h('div', { id: 'nodes-body' });
  const operationSection = h('section', { id: 'operation', class: 'card', 'aria-labelledby': 'operation-title',
    hidden: true });
  const historyBody = h('div', { id: 'certificate-history' }, h('p', { class: 'loading' }, 'Loading…'));
  const auditBody = h('div', { id: 'audit-timeline' });

  fill(main,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('ol', {},
      h('li', {}, h('a', { href: '#/instances' }, 'Instances')),
      h('li', {}, h('span', { id: 'instance-id' }, instanceId)),
      h('li', {}, 'Data Security'),
      h('li', { 'aria-current': 'page' }, 'SSL'))),
    heading,
    h('div', { class: 'columns' },
      h('section', { class: 'card', id: 'ssl-settings', 'aria-labelledby': 'settings-title' },
        h('div', { class: 'card-header' }, h('h2', { id: 'settings-title' }, 'SSL'),
          h('button', { type: 'button', class: 'secondary small', id: 'refresh', onclick: () => refresh(true) },
            'Refresh')),
        statusRegion, switchArea, lockReason, switchError, caDetails),
      h('section', { class: 'card', id: 'certificate-actions', 'aria-labelledby': 'certificate-title' },
        h('h2', { id: 'certificate-title' }, 'Certificate'),
        h('p', { class: 'hint' }, 'Clients verify the nodes with the instance\'s CA certificate: download it and '
          + 'give it to every application that connects with TLS.'),
        mayOperate ? h('div', { class: 'action' }, rotateButton, rotateHint, rotateError) : null,
        h('div', { class: 'action' }, downloadButton, downloadHint, downloadResult), rotationArea)),
    operationSection,
    h('section', { class: 'card', id: 'nodes', 'aria-labelledby': 'nodes-title' },
      h('h2', { id: 'nodes-title' }, 'Nodes'),
      h('p', { class: 'hint' }, 'As each node reported itself after its last step.'), nodesBody),
    h('section', { class: 'card', id: 'history', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, 'Certificate history'), historyBody),
    h('section', { class: 'card', id: 'audit', 'aria-labelledby': 'audit-title' },
      h('h2', { id: 'audit-title' }, 'Audit timeline'), auditBody));
  focusOn(heading);

  // ---- loading ----
  async function refresh(announce = false) {
    try {
      state.status = await api.json(api.query(`/instances/${id}/ssl`));
    } catch (e) {
      if (!state.disposed) {
        fill(statusRegion, problemBlock(e, 'Loading the SSL status failed.'));
        fill(switchArea);
      }
      return;
    }
    if (state.disposed) {
      return;
    }
    renderStatus();
    const summary = state.status.operation;
    const following = state.follow && state.operation?.operationId === summary?.operationId;
    if (summary && !following && (!state.operation || state.operation.operationId !== summary.operationId
      || state.operation.state !== summary.state)) {
      if (ACTIVE.has(summary.state)) {
        follow(summary.operationId);
      } else {
        await loadOperation(summary.operationId);
      }
    }
    loadHistory();
    loadAudit();
    if (announce) {
      fill(switchError, h('p', { class: 'hint', role: 'status' }, `Refreshed at ${dateTime(new Date().toISOString())}.`));
    }
  }

  async function loadOperation(operationId) {
    try {
      const operation = await api.json(api.query(`/instances/${id}/operations/${encodeURIComponent(operationId)}`));
      if (!state.disposed) {
        state.operation = operation;
        renderOperation();
        renderControls();
      }
    } catch (e) {
      if (!state.disposed) {
        operationSection.hidden = false;
        fill(operationSection, h('h2', { id: 'operation-title' }, 'Operation'),
          problemBlock(e, `Loading operation ${operationId} failed.`));
      }
    }
  }

  /**
   * Follows an operation live. Events the read side still shows from before the action that resumed it (a retry's
   * earlier attempt, a rotation still waiting for clients) are ignored: {@code relevant} says which count.
   */
  function follow(operationId, relevant = () => true) {
    state.follow?.stop();
    if (!state.operation || state.operation.operationId !== operationId) {
      state.operation = placeholderOperation(operationId);
    }
    renderOperation();
    renderControls();
    const terminal = op => op.state === 'COMPLETED' || op.state === 'FAILED' || op.state === WAITING;
    const target = api.query(`/instances/${id}/operations/${encodeURIComponent(operationId)}/stream`);
    const handle = followStream(api, target, {
      onEvent: (type, operation) => {
        if (type !== 'operation' || state.disposed || !relevant(operation)) {
          return;
        }
        state.operation = operation;
        renderOperation();
        renderControls();
        if (terminal(operation)) {
          // status, certificates and audit changed with the end of the operation
          state.follow = null;
          refresh();
        }
      },
      isFinal: (type, operation) => type === 'operation' && relevant(operation) && terminal(operation),
      onReconnecting: failures => {
        if (failures > 0 && !state.disposed) {
          setStreamNote(`Live updates interrupted; reconnecting (attempt ${failures})…`);
        }
      },
      onError: e => {
        if (!state.disposed) {
          setStreamNote(null);
          fill(operationSection.querySelector('#operation-stream-error') ?? operationSection,
            problemBlock(e, 'Following the operation live failed.'));
        }
      },
    });
    state.follow = handle;
  }

  // ---- rendering ----
  function renderStatus() {
    const status = state.status;
    const facts = [
      h('p', { class: 'status-line' }, 'SSL status: ', h('span', { id: 'ssl-status-value' },
        statusBadge(status.sslStatus))),
      h('p', { class: 'facts' }, `Engine ${status.engineVersion ?? '?'} · ${titleCase(status.topology ?? 'unknown')} · `
        + nodeCount(status.nodes?.length ?? 0)),
      h('p', { class: 'facts', id: 'tls-mode' }, 'TLS mode: ', h('span', { id: 'tls-mode-value',
        dataset: { mode: status.tlsMode ?? '' } }, tlsMode(status.tlsMode)),
      status.tlsEnforced ? h('span', { class: 'badge badge-enabled', id: 'tls-enforced' }, 'enforced') : null),
    ];
    if (status.stale) {
      facts.push(h('p', { class: 'notice', role: 'status' }, 'Some events of this instance never reached the read '
        + 'side, so this page may be behind. A rebuild of the read models fixes it.'));
    }
    fill(statusRegion, facts);

    const ca = status.currentCa;
    const downloaded = downloadResult.querySelector('#download-done');
    if (downloaded && downloaded.dataset.etag !== expectedTag(status)) {
      fill(downloadResult); // a file saved before the CA (or the bundle) changed is no longer the one to use
    }
    refill(rotationArea, rotationBlock(status, { onDownloadBundle: () => downloadBundle(), result: bundleResult }));
    fill(nodesBody, nodeStatusTable(status));
    if (ca && status.sslStatus === 'ENABLED') {
      caDetails.hidden = false;
      fill(caDetails,
        h('dt', {}, 'CA serial'), h('dd', { id: 'current-serial' }, ca.serial),
        h('dt', {}, 'SHA-256 fingerprint'), h('dd', { id: 'current-fingerprint', class: 'mono' },
          ca.sha256Fingerprint),
        h('dt', {}, 'Valid'), h('dd', {}, timeElement(ca.notBefore), ' – ', timeElement(ca.notAfter)),
        h('dt', {}, 'Key'), h('dd', {}, ca.keyAlgorithm ?? '—'));
    } else {
      caDetails.hidden = true;
      fill(caDetails);
    }
    renderControls();
  }

  /** The switch and buttons, with why they are unavailable when they are. */
  function renderControls() {
    const status = state.status;
    if (!status) {
      return;
    }
    const enabled = status.sslStatus === 'ENABLED';
    const lock = lockText();
    lockReason.hidden = !lock;
    fill(lockReason, lock ?? '');

    const notEligible = eligibility(status, api.consoleConfig);
    if (notEligible && !enabled) {
      fill(switchArea, h('p', { id: 'not-eligible', class: 'notice', role: 'note' },
        h('strong', {}, 'SSL cannot be enabled for this instance. '), notEligible));
    } else if (!mayOperate) {
      fill(switchArea, h('p', { id: 'read-only', class: 'hint' },
        `Your role (${session.me?.roles.join(', ') || 'none'}) can view the SSL settings of this instance but not `
        + 'change them.'));
    } else {
      const sslSwitch = h('button', { type: 'button', role: 'switch', id: 'ssl-switch',
        'aria-checked': String(enabled), 'aria-labelledby': 'ssl-switch-label',
        'aria-describedby': lock ? 'lock-reason' : null, 'aria-disabled': lock ? 'true' : null,
        class: 'switch', onclick: () => toggle() },
      h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })),
      h('span', { class: 'switch-state', 'aria-hidden': 'true' }, enabled ? 'On' : 'Off'));
      refill(switchArea, h('div', { class: 'switch-row' },
        h('span', { id: 'ssl-switch-label' }, 'Encrypt connections (TLS)'), sslSwitch),
      enforcementControl(status, { lock, onToggle: requireTls => toggleEnforcement(requireTls) }));
    }

    const certificateBlocked = !enabled ? 'Available only while SSL is Enabled.' : lock;
    setAvailability(rotateButton, rotateHint, certificateBlocked);
    setAvailability(downloadButton, downloadHint, enabled ? null : 'Available only while SSL is Enabled.');
    if (enabled && status.caBundleHref) {
      downloadHint.textContent = 'During the update this is the CA bundle: the new CA, then the previous one.';
    }
  }

  function lockText() {
    if (state.sending) {
      return 'Sending the command…';
    }
    const op = state.operation;
    if (!op) {
      return null;
    }
    const what = op.kind ? `${operationKind(op.kind)} (${op.operationId})` : `Operation ${op.operationId}`;
    if (ACTIVE.has(op.state) || op.state === 'PENDING') {
      return `Locked: ${what} is changing the nodes, ${op.nodesDone ?? 0} of ${op.nodesTotal ?? '?'} steps done.`;
    }
    if (op.state === 'FAILED') {
      return `Locked: ${what} failed and waits for a retry.`;
    }
    if (op.state === WAITING) {
      return `Locked: ${what} waits for clients to move to the new CA; finish the rotation to go on.`;
    }
    return null;
  }

  function renderOperation() {
    const op = state.operation;
    if (!op) {
      operationSection.hidden = true;
      return;
    }
    operationSection.hidden = false;
    const active = ACTIVE.has(op.state) || op.state === 'PENDING';
    const title = active ? `${operationKind(op.kind)} in progress`
      : op.state === 'FAILED' ? `${operationKind(op.kind)} failed`
        : op.state === WAITING ? `${operationKind(op.kind)} waits for clients`
          : `Last operation: ${operationKind(op.kind)}`;
    const { done, total, label } = passProgress(op);
    const progress = h('progress', { id: 'operation-progress', max: String(Math.max(total, 1)),
      value: String(done), 'aria-labelledby': 'operation-progress-label' });
    const remaining = active && op.estimatedRemainingMillis != null
      ? ` · about ${duration(op.estimatedRemainingMillis)} left` : '';
    const children = [
      h('h2', { id: 'operation-title' }, title),
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
      children.push(failureBlock(op));
    }
    if (op.state === WAITING) {
      const finishError = h('div', { id: 'finish-error', class: 'action-error' });
      children.push(waitingBlock(op, { mayOperate, errorArea: finishError,
        onFinish: () => finishRotation(op, finishError) }));
    }
    children.push(operationPasses(op), operationNodes(op));
    refill(operationSection, children);
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

  function failureBlock(op) {
    const retryError = h('div', { id: 'retry-error', class: 'action-error' });
    const retry = mayOperate ? h('button', { type: 'button', id: 'retry-operation', class: 'primary',
      onclick: () => retryOperation(op, retryError) }, 'Retry') : null;
    return h('div', { id: 'operation-failure', class: 'problem', role: 'alert' },
      h('p', {}, h('strong', {}, op.failure.code === 'PREFLIGHT_FAILED'
        ? 'The replica set was not healthy before the first change; no node was touched. '
        : `The operation stopped in pass ${op.failure.pass ?? 1} at node ${op.failure.nodeName ?? '?'}. `),
      `Reason: ${op.failure.reason}`, op.failure.code ? ` (${op.failure.code})` : '',
      op.failure.failedAt ? [' (', timeElement(op.failure.failedAt), ')'] : ''),
      h('p', {}, 'Steps already done are not done again; a retry resumes at the failed step.'),
      retry, retryError);
  }

  function setStreamNote(text) {
    const note = operationSection.querySelector('#operation-stream-note');
    if (note) {
      note.hidden = !text;
      note.textContent = text ?? '';
    }
  }

  // ---- certificate history and audit ----
  function loadHistory() {
    return loadCertificateHistory({ api, id, target: historyBody, disposed: () => state.disposed });
  }

  function loadAudit() {
    return loadAuditTimeline({ api, session, instanceId, target: auditBody, disposed: () => state.disposed });
  }

  // ---- actions ----
  async function toggle() {
    if (lockText() || !state.status) {
      return;
    }
    const enabling = state.status.sslStatus !== 'ENABLED';
    const choices = await confirmChoices({
      title: enabling ? `Turn SSL on for ${instanceId}?` : `Turn SSL off for ${instanceId}?`,
      paragraphs: [
        enabling ? 'A new CA certificate is issued and every node is restarted with TLS allowed, then moved to '
          + 'preferTLS without a restart. Clients can still connect without TLS; download the CA certificate to '
          + 'connect with TLS.'
          : 'Every node is restarted down one TLS mode per pass until TLS is off; clients that insist on TLS can '
          + 'no longer connect.',
        ...restartWarning(instanceId, state.status.nodes?.length),
      ],
      options: enabling ? [{ id: 'require-tls-option', label: 'Require TLS (force encryption)',
        hint: 'A last pass moves every node to requireTLS: clients without TLS are refused.' }] : [],
      okLabel: 'OK',
    });
    if (choices) {
      await send(enabling ? 'ssl:enable' : 'ssl:disable', switchError, enabling ? 'Turning SSL on failed.'
        : 'Turning SSL off failed.', enabling ? { requireTls: choices['require-tls-option'] } : undefined);
    }
  }

  async function toggleEnforcement(requireTls) {
    if (lockText() || !state.status) {
      return;
    }
    const confirmed = await confirmAction({
      title: requireTls ? `Require TLS on ${instanceId}?` : `Stop requiring TLS on ${instanceId}?`,
      paragraphs: [...enforcementParagraphs(instanceId, requireTls),
        ...(requireTls ? [] : restartWarning(instanceId, state.status.nodes?.length))],
    });
    if (confirmed) {
      await send('ssl:enforce-tls', switchError, requireTls ? 'Requiring TLS failed.'
        : 'Stopping to require TLS failed.', { requireTls });
    }
  }

  async function rotate() {
    if (rotateButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const choices = await confirmChoices({
      title: `Update the certificate of ${instanceId}?`,
      paragraphs: [
        'A new CA certificate replaces the current one in three passes: every node first trusts both CAs, then '
          + 'gets a certificate signed by the new CA, then trusts the new CA alone. Switch applications that '
          + 'verify the CA to the CA bundle (offered during the update) before the second pass.',
        ...restartWarning(instanceId, state.status?.nodes?.length),
      ],
      options: [{ id: 'hold-old-ca-option', label: 'Keep the old CA until I finish',
        hint: 'The update waits after the second pass, both CAs trusted, until you finish the rotation.' }],
    });
    if (choices) {
      await send('ssl:rotate', rotateError, 'Updating the certificate failed.',
        { holdOldCa: choices['hold-old-ca-option'] });
    }
  }

  async function finishRotation(op, errorArea) {
    const confirmed = await confirmAction({
      title: `Finish the certificate update of ${instanceId}?`,
      paragraphs: ['The last pass restarts every node with the new CA alone: clients that still hold only the old '
        + 'CA can no longer verify the nodes.', ...restartWarning(instanceId, state.status?.nodes?.length)],
    });
    if (!confirmed) {
      return;
    }
    fill(errorArea);
    try {
      await api.send(`/instances/${id}/operations/${encodeURIComponent(op.operationId)}:finish-rotation`);
      follow(op.operationId, o => o.state !== WAITING);
    } catch (e) {
      fill(errorArea, problemBlock(e, 'Finishing the rotation failed.'));
    }
  }

  async function retryOperation(op, errorArea) {
    const confirmed = await confirmAction({
      title: `Retry ${operationKind(op.kind).toLowerCase()} on ${instanceId}?`,
      paragraphs: [`The rolling restart resumes at node ${op.failure?.nodeName ?? '?'}.`,
        ...restartWarning(instanceId, op.nodesTotal)],
    });
    if (!confirmed) {
      return;
    }
    fill(errorArea);
    try {
      await api.send(`/instances/${id}/operations/${encodeURIComponent(op.operationId)}:retry`);
      follow(op.operationId, o => o.attempt > op.attempt);
    } catch (e) {
      fill(errorArea, problemBlock(e, 'Retrying failed.'));
    }
  }

  async function send(action, errorArea, context, body) {
    fill(switchError);
    fill(rotateError);
    state.sending = true;
    renderControls();
    try {
      const accepted = await api.send(`/instances/${id}/${action}`, body);
      state.sending = false;
      state.operation = null;
      follow(accepted.operationId);
      focusOn(operationSection.querySelector('h2'));
    } catch (e) {
      state.sending = false;
      renderControls();
      fill(errorArea, problemBlock(e, context));
      const blocking = e.code === 'OPERATION_IN_PROGRESS' || e.code === 'ROTATION_AWAITING_CLIENTS';
      const running = blocking ? e.problem.progress?.operationId : null;
      if (running && state.operation?.operationId !== running) {
        // show what is running (or waiting) instead of what the page believed
        if (e.problem.progress.state === 'FAILED' || e.problem.progress.state === WAITING) {
          loadOperation(running);
        } else {
          follow(running);
        }
      }
    }
  }

  async function download() {
    if (downloadButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    await save(`/instances/${id}/ssl/ca.pem`, `${instanceId}-ca.pem`, downloadResult, 'download-done',
      'Downloading the certificate failed.');
  }

  async function downloadBundle() {
    await save(`/instances/${id}/ssl/ca-bundle.pem`, `${instanceId}-ca-bundle.pem`, bundleResult, 'bundle-done',
      'Downloading the CA bundle failed.');
  }

  async function save(path, fallbackName, resultArea, doneId, context) {
    fill(resultArea);
    try {
      const { name, etag } = await downloadPem(api, api.query(path), fallbackName);
      fill(resultArea, h('p', { class: 'success', role: 'status', id: doneId, dataset: { etag: etag ?? '' } },
        `Saved ${name}`, etag ? ` (SHA-256 ${etag.replace('+', ' + ')})` : '', '.'));
    } catch (e) {
      fill(resultArea, problemBlock(e, context));
    }
  }

  refresh();
  return {
    dispose() {
      state.disposed = true;
      state.follow?.stop();
    },
  };

  function placeholderOperation(operationId) {
    return {
      operationId, kind: null, state: 'PENDING', attempt: 0, nodesDone: 0,
      nodesTotal: state.status?.nodes?.length ?? 0,
      nodes: (state.status?.nodes ?? []).map(n => ({ ...n, state: 'PENDING', steps: [] })),
    };
  }
}

function setAvailability(button, hint, reason) {
  if (reason) {
    button.setAttribute('aria-disabled', 'true');
    button.title = reason;
    hint.textContent = reason;
  } else {
    button.removeAttribute('aria-disabled');
    button.removeAttribute('title');
    hint.textContent = '';
  }
}

/** The ETag a CA download has now: the current CA's fingerprint, "+ the previous one's" for a rotation's bundle. */
function expectedTag(status) {
  const current = status.currentCa?.sha256Fingerprint ?? '';
  return status.caBundleHref && status.previousCa ? `${current}+${status.previousCa.sha256Fingerprint}` : current;
}
