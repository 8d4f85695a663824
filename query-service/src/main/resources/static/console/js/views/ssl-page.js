// An instance's "Data Security > SSL" page: status and switch, TLS enforcement, certificate actions, live progress
// of an operation's passes (fetch-read server-sent events), failure and retry, a rotation waiting for clients and
// its finish, the nodes as read back, certificate history and the audit timeline. The parts it shows are built by
// the modules it imports (skeleton, status and switch, certificate actions, operation progress, confirmations,
// history and audit); this file keeps the page's state, loads it and sends its actions. It is longer than the
// others on purpose: the state, its loading and the actions change together, and splitting them would pass the
// page's state from module to module.

import { fill, focusOn, h, refill } from '../dom.js';
import { dateTime } from '../format.js';
import { followStream } from '../sse.js';
import { eligibility } from '../eligibility.js';
import { problemBlock } from './problem.js';
import { loadAuditTimeline, loadCertificateHistory } from './history-audit.js';
import { nodeStatusTable } from './node-status.js';
import { rotationBlock } from './rotation.js';
import { sslPageLayout } from './ssl-layout.js';
import { lockText, renderCaDetails, renderSwitch, statusFacts } from './ssl-status.js';
import { clearOutdatedDownload, renderCertificateAvailability, saveCaFile } from './certificate-actions.js';
import { ACTIVE, SCHEDULED, WAITING, isTerminal, operationContent, placeholderOperation }
  from './operation-progress.js';
import { certificateRequest, confirmAbort, confirmCancelScheduled, confirmEnforcement, confirmFinishRotation,
  confirmRenewal, confirmRetry, confirmRollback, confirmRotation, confirmSwitch, scheduleRequest }
  from './ssl-dialogs.js';

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
  const page = sslPageLayout(main, { instanceId, mayOperate, onRefresh: () => refresh(true),
    onRotate: () => rotate(), onRenew: () => renew(), onDownload: () => download() });
  const { statusRegion, switchArea, lockReason, switchError, rotateError, operationSection } = page;
  focusOn(page.heading);

  // ---- loading ----
  async function refresh(announce = false) {
    const rollbackBefore = JSON.stringify(state.status?.rollbackRequired ?? null);
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
    if (state.operation && JSON.stringify(state.status.rollbackRequired ?? null) !== rollbackBefore) {
      renderOperation(); // the Roll back button comes and goes with the status's rollbackRequired
    }
    const summary = state.status.operation;
    const following = state.follow && state.operation?.operationId === summary?.operationId;
    if (summary && !following && (!state.operation || state.operation.operationId !== summary.operationId
      || state.operation.state !== summary.state)) {
      if (ACTIVE.has(summary.state) || summary.state === SCHEDULED) {
        follow(summary.operationId);
      } else {
        await loadOperation(summary.operationId);
      }
    }
    loadCertificateHistory({ api, id, target: page.historyBody, disposed: () => state.disposed });
    loadAuditTimeline({ api, session, instanceId, target: page.auditBody, disposed: () => state.disposed });
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
      state.operation = placeholderOperation(operationId, state.status);
    }
    renderOperation();
    renderControls();
    const target = api.query(`/instances/${id}/operations/${encodeURIComponent(operationId)}/stream`);
    state.follow = followStream(api, target, {
      onEvent: (type, operation) => {
        if (type !== 'operation' || state.disposed || !relevant(operation)) {
          return;
        }
        state.operation = operation;
        renderOperation();
        renderControls();
        if (isTerminal(operation)) {
          // status, certificates and audit changed with the end of the operation
          state.follow = null;
          refresh();
        }
      },
      isFinal: (type, operation) => type === 'operation' && relevant(operation) && isTerminal(operation),
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
  }

  // ---- rendering ----
  function renderStatus() {
    const status = state.status;
    fill(statusRegion, statusFacts(status));
    clearOutdatedDownload(page.downloadResult, status);
    refill(page.rotationArea, rotationBlock(status, { onDownloadBundle: () => downloadBundle(),
      result: page.bundleResult }));
    fill(page.nodesBody, nodeStatusTable(status));
    renderCaDetails(page.caDetails, status);
    renderControls();
  }

  /** The switch and buttons, with why they are unavailable when they are. */
  function renderControls() {
    const status = state.status;
    if (!status) {
      return;
    }
    const lock = lockText(state);
    lockReason.hidden = !lock;
    fill(lockReason, lock ?? '');
    renderSwitch(switchArea, { status, lock, notEligible: eligibility(status, api.consoleConfig), mayOperate,
      roles: session.me?.roles, onToggle: () => toggle(), onEnforce: requireTls => toggleEnforcement(requireTls) });
    renderCertificateAvailability(page, status, lock);
  }

  function renderOperation() {
    const op = state.operation;
    if (!op) {
      operationSection.hidden = true;
      return;
    }
    operationSection.hidden = false;
    refill(operationSection, operationContent(op, { mayOperate, onRetry: retryOperation, onFinish: finishRotation,
      onCancel: cancelScheduled, onAbort: abortOperation, onRollBack: rollBack,
      rollbackRequired: state.status?.rollbackRequired }));
  }

  function setStreamNote(text) {
    const note = operationSection.querySelector('#operation-stream-note');
    if (note) {
      note.hidden = !text;
      note.textContent = text ?? '';
    }
  }

  // ---- actions ----
  async function toggle() {
    if (lockText(state) || !state.status) {
      return;
    }
    const enabling = state.status.sslStatus !== 'ENABLED';
    const choices = await confirmSwitch(instanceId, state.status, enabling);
    if (choices) {
      await send(enabling ? 'ssl:enable' : 'ssl:disable', switchError, enabling ? 'Turning SSL on failed.'
        : 'Turning SSL off failed.', enabling
        ? { requireTls: choices['require-tls-option'], ...certificateRequest(choices), ...scheduleRequest(choices) }
        : scheduleRequest(choices));
    }
  }

  async function toggleEnforcement(requireTls) {
    if (lockText(state) || !state.status) {
      return;
    }
    if (await confirmEnforcement(instanceId, state.status, requireTls)) {
      await send('ssl:enforce-tls', switchError, requireTls ? 'Requiring TLS failed.'
        : 'Stopping to require TLS failed.', { requireTls });
    }
  }

  async function rotate() {
    if (page.rotateButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const choices = await confirmRotation(instanceId, state.status);
    if (choices) {
      await send('ssl:rotate', rotateError, 'Updating the certificate failed.',
        { holdOldCa: choices['hold-old-ca-option'], ...certificateRequest(choices), ...scheduleRequest(choices) });
    }
  }

  async function renew() {
    if (page.renewButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const choices = await confirmRenewal(instanceId, state.status);
    if (choices) {
      await send('ssl:renew-node-certificates', rotateError, 'Renewing the node certificates failed.',
        scheduleRequest(choices));
    }
  }

  async function cancelScheduled(op, errorArea) {
    if (!await confirmCancelScheduled(instanceId, op)) {
      return;
    }
    fill(errorArea);
    try {
      await api.send(`/instances/${id}/operations/${encodeURIComponent(op.operationId)}:cancel`);
      // the read side may still show it scheduled: follow it until it says CANCELLED (a terminal state, which
      // refreshes the page)
      follow(op.operationId, o => o.state !== SCHEDULED);
    } catch (e) {
      fill(errorArea, problemBlock(e, 'Cancelling the operation failed.'));
    }
  }

  async function finishRotation(op, errorArea) {
    if (!await confirmFinishRotation(instanceId, state.status)) {
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

  async function abortOperation(op, errorArea) {
    if (!await confirmAbort(instanceId, op)) {
      return;
    }
    fill(errorArea);
    try {
      await api.send(`/instances/${id}/operations/${encodeURIComponent(op.operationId)}:abort`);
      // the read side may still show it running, failed or waiting: follow it until it says ABORTING or ABORTED
      // (the stream ends with ABORTED, which refreshes the page and offers the rollback when it is required)
      follow(op.operationId, o => o.state === 'ABORTING' || o.state === 'ABORTED');
    } catch (e) {
      fill(errorArea, problemBlock(e, 'Aborting the operation failed.'));
    }
  }

  /** Rolls back the operation the status names (for an aborted rollback: the operation it rolled back). */
  async function rollBack(required, errorArea) {
    if (!await confirmRollback(instanceId, required, state.status?.nodes?.length)) {
      return;
    }
    fill(errorArea);
    try {
      const accepted = await api.send(
        `/instances/${id}/operations/${encodeURIComponent(required.operationId)}:rollback`);
      state.operation = null;
      follow(accepted.operationId);
      focusOn(operationSection.querySelector('h2'));
    } catch (e) {
      fill(errorArea, problemBlock(e, 'Rolling back failed.'));
    }
  }

  async function retryOperation(op, errorArea) {
    if (!await confirmRetry(instanceId, op)) {
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
      if (e.code === 'ROLLBACK_REQUIRED') {
        refresh(); // the page shows the aborted operation and its Roll back button
      }
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
    if (page.downloadButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    await saveCaFile(api, { path: `/instances/${id}/ssl/ca.pem`, fallbackName: `${instanceId}-ca.pem`,
      resultArea: page.downloadResult, doneId: 'download-done', context: 'Downloading the certificate failed.' });
  }

  async function downloadBundle() {
    await saveCaFile(api, { path: `/instances/${id}/ssl/ca-bundle.pem`, fallbackName: `${instanceId}-ca-bundle.pem`,
      resultArea: page.bundleResult, doneId: 'bundle-done', context: 'Downloading the CA bundle failed.' });
  }

  refresh();
  return {
    dispose() {
      state.disposed = true;
      state.follow?.stop();
    },
  };
}
