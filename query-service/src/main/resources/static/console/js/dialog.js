// The confirmation dialog: a native <dialog> opened modally, so focus stays inside it, Escape cancels and focus
// returns to the control that opened it. Resolves true only for OK.

import { fill, h } from './dom.js';
import { nodeCount } from './format.js';

export function confirmAction({ title, paragraphs, okLabel = 'OK' }) {
  const dialog = document.getElementById('confirm-dialog');
  const opener = document.activeElement;
  fill(document.getElementById('confirm-title'), title);
  fill(document.getElementById('confirm-body'), paragraphs.map(text => h('p', {}, text)));
  const ok = document.getElementById('confirm-ok');
  const cancel = document.getElementById('confirm-cancel');
  ok.textContent = okLabel;
  dialog.returnValue = 'cancel';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      if (opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
    }, { once: true });
    dialog.showModal();
    // the safe choice has the focus: Enter on an unread dialog changes nothing
    cancel.focus();
  });
}

/** The words every SSL change shows before it is sent. */
export function restartWarning(instanceId, count) {
  const nodes = count ? nodeCount(count) : 'its nodes';
  return [
    `Instance ${instanceId} will restart node by node (${nodes}, secondaries first, the primary last).`,
    'Each node is briefly unreachable while it restarts; the instance as a whole stays available.',
    'Applications must reconnect automatically (MongoDB drivers with retryable reads and writes do).',
  ];
}
