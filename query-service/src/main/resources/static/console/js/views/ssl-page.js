// An instance's "Data Security > SSL" page: status and switch, certificate actions, live rolling-restart progress
// (fetch-read server-sent events), failure and retry, certificate history and the audit timeline.

import { fill, focusOn, h, refill } from '../dom.js';
import { confirmAction, restartWarning } from '../dialog.js';
import { dateTime, duration, nodeCount, operationKind, timeElement, titleCase } from '../format.js';
import { followStream } from '../sse.js';
import { eligibility } from '../eligibility.js';
import { problemBlock } from './problem.js';
import { statusBadge } from './instances.js';

const ACTIVE = new Set(['RUNNING', 'RETRIED']);
const AUDIT_PAGE = 20;

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
        h('div', { class: 'action' }, downloadButton, downloadHint, downloadResult))),
    operationSection,
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
   * Follows an operation live. After a retry of attempt N, events of attempt N (its stale FAILED state) are
   * ignored until the read side shows attempt N+1.
   */
  function follow(operationId, afterAttempt = 0) {
    state.follow?.stop();
    if (!state.operation || state.operation.operationId !== operationId) {
      state.operation = placeholderOperation(operationId);
    }
    renderOperation();
    renderControls();
    const relevant = op => op.attempt > afterAttempt;
    const terminal = op => op.state === 'COMPLETED' || op.state === 'FAILED';
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
    ];
    if (status.stale) {
      facts.push(h('p', { class: 'notice', role: 'status' }, 'Some events of this instance never reached the read '
        + 'side, so this page may be behind. A rebuild of the read models fixes it.'));
    }
    fill(statusRegion, facts);

    const ca = status.currentCa;
    const downloaded = downloadResult.querySelector('#download-done');
    if (downloaded && downloaded.dataset.fingerprint !== (ca?.sha256Fingerprint ?? '')) {
      fill(downloadResult); // a file saved before the CA changed is no longer the one to use
    }
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
        h('span', { id: 'ssl-switch-label' }, 'Encrypt connections (TLS)'), sslSwitch));
    }

    const certificateBlocked = !enabled ? 'Available only while SSL is Enabled.' : lock;
    setAvailability(rotateButton, rotateHint, certificateBlocked);
    setAvailability(downloadButton, downloadHint, enabled ? null : 'Available only while SSL is Enabled.');
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
      return `Locked: ${what} is restarting the nodes, ${op.nodesDone ?? 0} of ${op.nodesTotal ?? '?'} done.`;
    }
    if (op.state === 'FAILED') {
      return `Locked: ${what} failed and waits for a retry.`;
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
      : op.state === 'FAILED' ? `${operationKind(op.kind)} failed` : `Last operation: ${operationKind(op.kind)}`;
    const total = op.nodesTotal || op.nodes?.length || 0;
    const done = op.nodesDone ?? 0;
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
          `${done} of ${total} nodes restarted · ${titleCase(op.state)}${remaining}`)),
      h('p', { id: 'operation-stream-note', class: 'hint', role: 'status', hidden: true }),
      h('div', { id: 'operation-stream-error' }),
    ];
    if (op.state === 'FAILED' && op.failure) {
      children.push(failureBlock(op));
    }
    children.push(nodeTable(op));
    refill(operationSection, children);
  }

  function failureBlock(op) {
    const retryError = h('div', { id: 'retry-error', class: 'action-error' });
    const retry = mayOperate ? h('button', { type: 'button', id: 'retry-operation', class: 'primary',
      onclick: () => retryOperation(op, retryError) }, 'Retry') : null;
    return h('div', { id: 'operation-failure', class: 'problem', role: 'alert' },
      h('p', {}, h('strong', {}, `The restart stopped at node ${op.failure.nodeName}. `),
        `Reason: ${op.failure.reason}`, op.failure.failedAt ? [' (', timeElement(op.failure.failedAt), ')'] : ''),
      h('p', {}, 'Nodes already restarted are not restarted again; a retry resumes at the failed node.'),
      retry, retryError);
  }

  function nodeTable(op) {
    const rows = restartOrder(op.nodes ?? []);
    return h('div', { class: 'table-scroll' }, h('table', { id: 'operation-nodes' },
      h('caption', { class: 'visually-hidden' }, 'Nodes in restart order'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Order'), h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'Role'),
        h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Unreachable for'),
        h('th', { scope: 'col' }, 'Restart took'))),
      h('tbody', {}, rows.map((node, index) => {
        const step = node.steps?.at(-1);
        return h('tr', { dataset: { node: node.name, state: node.state } },
          h('td', {}, String(index + 1)),
          h('th', { scope: 'row' }, node.name),
          h('td', {}, titleCase(node.role ?? '')),
          h('td', { class: `node-state node-${String(node.state).toLowerCase()}` }, nodeState(node.state)),
          h('td', { class: 'unreachable' }, step?.unreachableMillis != null ? duration(step.unreachableMillis)
            : node.state === 'RESTARTING' ? 'unreachable now' : '—'),
          h('td', {}, step?.durationMillis != null ? duration(step.durationMillis) : '—'));
      }))));
  }

  function setStreamNote(text) {
    const note = operationSection.querySelector('#operation-stream-note');
    if (note) {
      note.hidden = !text;
      note.textContent = text ?? '';
    }
  }

  // ---- certificate history and audit ----
  async function loadHistory() {
    try {
      const certificates = await api.json(api.query(`/instances/${id}/ssl/certificates`));
      if (state.disposed) {
        return;
      }
      if (!certificates.length) {
        fill(historyBody, h('p', { class: 'hint' }, 'No certificate has been issued for this instance yet.'));
        return;
      }
      fill(historyBody, h('div', { class: 'table-scroll' }, h('table', { id: 'certificates' },
        h('caption', { class: 'visually-hidden' }, 'CA certificates, newest first'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Serial'), h('th', { scope: 'col' }, 'SHA-256 fingerprint'),
          h('th', { scope: 'col' }, 'Valid from'), h('th', { scope: 'col' }, 'Valid until'),
          h('th', { scope: 'col' }, 'Issued by'), h('th', { scope: 'col' }, 'Retired'))),
        h('tbody', {}, certificates.map(c => h('tr', { dataset: { serial: c.serial, current: String(c.current) } },
          h('td', { class: 'mono' }, c.serial, c.current ? h('span', { class: 'badge badge-enabled' }, 'current')
            : null),
          h('td', { class: 'mono fingerprint' }, c.sha256Fingerprint),
          h('td', {}, timeElement(c.notBefore)),
          h('td', {}, timeElement(c.notAfter)),
          h('td', {}, c.issuedByOperation ?? '—', c.issuedAt ? [h('br'), timeElement(c.issuedAt)] : ''),
          h('td', {}, c.retiredAt ? [timeElement(c.retiredAt), h('br'), `by ${c.retiredByOperation ?? '—'}`]
            : '—')))))));
    } catch (e) {
      if (!state.disposed) {
        fill(historyBody, problemBlock(e, 'Loading the certificate history failed.'));
      }
    }
  }

  async function loadAudit(cursor = null) {
    if (!session.mayAudit()) {
      fill(auditBody, h('p', { id: 'audit-unavailable', class: 'hint' },
        'The audit timeline is not available to your role (it needs the auditor role).'));
      return;
    }
    const query = new URLSearchParams({ instanceId, limit: String(AUDIT_PAGE) });
    if (cursor) {
      query.set('cursor', cursor);
    }
    try {
      const page = await api.json(api.query(`/audit?${query}`));
      if (state.disposed) {
        return;
      }
      const items = page.items.map(entry => h('li', { class: 'audit-entry', dataset: { type: entry.type } },
        timeElement(entry.occurredAt), ' ',
        h('span', { class: 'audit-type' }, entry.type), ' ',
        h('span', { class: 'audit-actor' }, `by ${entry.actor}`),
        entry.operationId ? h('span', { class: 'audit-operation' }, ` · ${entry.operationId}`) : null,
        entry.summary ? h('div', { class: 'audit-summary' }, entry.summary) : null));
      let list = auditBody.querySelector('ol');
      if (!cursor || !list) {
        list = h('ol', { class: 'timeline', reversed: true });
        fill(auditBody, page.items.length ? list
          : h('p', { class: 'hint' }, 'Nothing has been recorded for this instance yet.'));
      }
      list.append(...items);
      auditBody.querySelector('#audit-older')?.remove();
      if (page.nextCursor) {
        auditBody.append(h('button', { type: 'button', class: 'secondary', id: 'audit-older', onclick: async () => {
          const first = items.length;
          await loadAudit(page.nextCursor);
          focusOn(list.children[list.children.length - first] ?? list.lastElementChild);
        } }, 'Show older entries'));
      }
    } catch (e) {
      if (!state.disposed) {
        fill(auditBody, problemBlock(e, 'Loading the audit timeline failed.'));
      }
    }
  }

  // ---- actions ----
  async function toggle() {
    if (lockText() || !state.status) {
      return;
    }
    const enabling = state.status.sslStatus !== 'ENABLED';
    const confirmed = await confirmAction({
      title: enabling ? `Turn SSL on for ${instanceId}?` : `Turn SSL off for ${instanceId}?`,
      paragraphs: [
        enabling ? 'A new CA certificate is issued and every node is restarted with TLS. Clients can still connect '
          + 'without TLS; download the CA certificate to connect with TLS.'
          : 'Every node is restarted without TLS; clients that insist on TLS can no longer connect.',
        ...restartWarning(instanceId, state.status.nodes?.length),
      ],
      okLabel: 'OK',
    });
    if (confirmed) {
      await send(enabling ? 'ssl:enable' : 'ssl:disable', switchError, enabling ? 'Turning SSL on failed.'
        : 'Turning SSL off failed.');
    }
  }

  async function rotate() {
    if (rotateButton.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const confirmed = await confirmAction({
      title: `Update the certificate of ${instanceId}?`,
      paragraphs: [
        'A new CA certificate replaces the current one and every node gets a certificate signed by it. '
          + 'Applications that verify the CA need the new certificate: download it when the update is done.',
        ...restartWarning(instanceId, state.status?.nodes?.length),
      ],
    });
    if (confirmed) {
      await send('ssl:rotate', rotateError, 'Updating the certificate failed.');
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
      follow(op.operationId, op.attempt);
    } catch (e) {
      fill(errorArea, problemBlock(e, 'Retrying failed.'));
    }
  }

  async function send(action, errorArea, context) {
    fill(switchError);
    fill(rotateError);
    state.sending = true;
    renderControls();
    try {
      const accepted = await api.send(`/instances/${id}/${action}`);
      state.sending = false;
      state.operation = null;
      follow(accepted.operationId);
      focusOn(operationSection.querySelector('h2'));
    } catch (e) {
      state.sending = false;
      renderControls();
      fill(errorArea, problemBlock(e, context));
      const running = e.code === 'OPERATION_IN_PROGRESS' ? e.problem.progress?.operationId : null;
      if (running && state.operation?.operationId !== running) {
        // show what is running instead of what the page believed
        if (e.problem.progress.state === 'FAILED') {
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
    fill(downloadResult);
    try {
      const response = await api.request(api.query(`/instances/${id}/ssl/ca.pem`),
        { accept: 'application/x-pem-file' });
      const pem = await response.text();
      const name = fileName(response.headers.get('Content-Disposition')) ?? `${instanceId}-ca.pem`;
      const link = h('a', { href: URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' })),
        download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      const etag = response.headers.get('ETag')?.replaceAll('"', '');
      fill(downloadResult, h('p', { class: 'success', role: 'status', id: 'download-done',
        dataset: { fingerprint: etag ?? '' } },
        `Saved ${name}`, etag ? ` (SHA-256 ${etag})` : '', '.'));
    } catch (e) {
      fill(downloadResult, problemBlock(e, 'Downloading the certificate failed.'));
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

/** Restart order: nodes by the start of their latest step; the ones still waiting after, secondaries first. */
function restartOrder(nodes) {
  const started = node => {
    const at = node.steps?.at(-1)?.startedAt;
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
    case 'RESTARTED': return 'Restarted';
    case 'FAILED': return 'Failed';
    default: return titleCase(value ?? 'unknown');
  }
}

function fileName(disposition) {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match ? match[1] : null;
}
