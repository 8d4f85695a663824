// The confirmation dialog: a native <dialog> opened modally, so focus stays inside it, Escape cancels and focus
// returns to the control that opened it. Resolves true only for OK.

import { fill, h } from './dom.js';
import { nodeCount } from './format.js';

export async function confirmAction({ title, paragraphs, okLabel = 'OK' }) {
  return (await confirmChoices({ title, paragraphs, okLabel })) !== null;
}

/**
 * The confirmation dialog with options as checkboxes (unchecked unless {@code checked}): resolves with
 * {id: checked} for OK, null for Cancel or Escape.
 */
export function confirmChoices({ title, paragraphs, okLabel = 'OK', options = [] }) {
  const dialog = document.getElementById('confirm-dialog');
  const opener = document.activeElement;
  const boxes = options.map(option => h('input', { type: 'checkbox', id: option.id, checked: option.checked ?? false,
    'aria-describedby': option.hint ? `${option.id}-hint` : null }));
  fill(document.getElementById('confirm-title'), title);
  fill(document.getElementById('confirm-body'), paragraphs.map(text => h('p', {}, text)),
    options.map((option, i) => h('div', { class: 'dialog-option' },
      h('label', { for: option.id }, boxes[i], ' ', option.label),
      option.hint ? h('p', { class: 'hint', id: `${option.id}-hint` }, option.hint) : null)));
  const ok = document.getElementById('confirm-ok');
  const cancel = document.getElementById('confirm-cancel');
  ok.textContent = okLabel;
  dialog.returnValue = 'cancel';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok'
        ? Object.fromEntries(options.map((option, i) => [option.id, boxes[i].checked])) : null);
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
