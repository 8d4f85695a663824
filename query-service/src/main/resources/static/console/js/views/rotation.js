// A certificate update (rotation) in the documented passes: which CA file clients should hold in each phase, the CA
// bundle download while it runs or waits, and the "Finish rotation" action while it waits for clients.

import { h } from '../dom.js';
import { timeElement } from '../format.js';

/** What clients should hold now, by the phase of the instance's current (or just completed) rotation. */
export function clientAdvice(operation, status) {
  if (operation?.kind === 'ROLLBACK' && status?.caBundleHref && operation.state !== 'COMPLETED') {
    return 'Rolling back to the previous CA: until it completes, members may present either CA\'s certificates, '
      + 'so clients need the CA bundle; afterwards the previous CA alone.';
  }
  if (!operation || operation.kind !== 'ROTATE' || operation.state === 'SCHEDULED'
    || operation.state === 'CANCELLED') {
    return null;
  }
  if (operation.state === 'ABORTING' || operation.state === 'ABORTED') {
    return status?.caBundleHref
      ? 'Update aborted: members may present either CA\'s certificates until it is rolled back; clients need the '
        + 'CA bundle meanwhile.'
      : null;
  }
  if (operation.state === 'COMPLETED') {
    return 'Update done: clients need only the new CA (Download Certificate); the bundle is no longer needed.';
  }
  if (operation.state === 'WAITING_FOR_CLIENTS') {
    return 'Every member has its new certificate and trusts both CAs. Clients may move to the new CA now; '
      + 'finishing removes the old CA from the members.';
  }
  if ((operation.passCount ?? 1) < 3) {
    return 'Clients need the new CA once the update is done; until then the CA bundle verifies every member.';
  }
  switch (operation.currentPass) {
    case 1:
      return 'Pass 1 (CA bundle): switch clients to the CA bundle now. From the next pass on, members present '
        + 'certificates signed by the new CA.';
    case 2:
      return 'Pass 2 (new certificates): clients need the bundle or the new CA; members present certificates '
        + 'signed by the new CA.';
    default:
      return 'Pass 3 (new CA only): the members drop the old CA; clients need the new CA (the bundle still '
        + 'works).';
  }
}

/**
 * The #rotation block of the certificate card while a rotation runs, waits or has just completed: the advice and,
 * until it completes, the bundle download.
 */
export function rotationBlock(status, { onDownloadBundle, result }) {
  const advice = clientAdvice(status.operation, status);
  if (!advice) {
    return null;
  }
  const bundle = status.caBundleHref
    ? h('div', { class: 'action' },
      h('button', { type: 'button', id: 'download-bundle', class: 'secondary', onclick: () => onDownloadBundle() },
        'Download CA bundle'),
      h('span', { class: 'hint' }, status.previousCa
        ? `New CA ${status.currentCa?.serial ?? ''} first, then the previous CA ${status.previousCa.serial}.`
        : 'The previous CA is not known for this update: the file holds the new CA alone.'),
      result)
    : null;
  return h('div', { id: 'rotation', class: 'notice', role: 'status' },
    h('p', { id: 'rotation-advice', dataset: { state: status.operation.state,
      pass: String(status.operation.currentPass ?? '') } }, advice),
    bundle);
}

/** The #operation-waiting block of a rotation that waits for clients, with "Finish rotation" for operators. */
export function waitingBlock(op, { mayOperate, onFinish, errorArea }) {
  const since = op.awaitingClients?.since;
  return h('div', { id: 'operation-waiting', class: 'notice', role: 'status' },
    h('p', {}, h('strong', {}, `Waiting for clients after pass ${op.awaitingClients?.afterPass ?? op.currentPass}`),
      since ? [' since ', timeElement(since)] : '', '. ',
      'Every member presents its new certificate and still trusts the old CA, so clients holding either CA '
        + 'connect. Move clients to the new CA (or the bundle), then finish: the last pass removes the old CA '
        + 'from the members.'),
    mayOperate ? h('button', { type: 'button', id: 'finish-rotation', class: 'primary', onclick: () => onFinish() },
      'Finish rotation') : null,
    errorArea);
}
