// The confirmation dialog: a native <dialog> opened modally, so focus stays inside it, Escape cancels and focus
// returns to the control that opened it. Resolves true only for OK.

import { fill, h } from './dom.js';
import { nodeCount } from './format.js';

export async function confirmAction({ title, paragraphs, okLabel = 'OK' }) {
  return (await confirmChoices({ title, paragraphs, okLabel })) !== null;
}

/**
 * The confirmation dialog with options as checkboxes (unchecked unless {@code checked}) and groups of fields under
 * a legend (a select, or a number of days; empty = the default): resolves with {id: checked or value} for OK, null
 * for Cancel or Escape.
 */
export function confirmChoices({ title, paragraphs, okLabel = 'OK', options = [], groups = [] }) {
  const fields = groups.flatMap(group => group.fields);
  const dialog = document.getElementById('confirm-dialog');
  const opener = document.activeElement;
  const boxes = options.map(option => h('input', { type: 'checkbox', id: option.id, checked: option.checked ?? false,
    'aria-describedby': option.hint ? `${option.id}-hint` : null }));
  const inputs = fields.map(fieldInput);
  fill(document.getElementById('confirm-title'), title);
  fill(document.getElementById('confirm-body'), paragraphs.map(text => h('p', {}, text)),
    options.map((option, i) => h('div', { class: 'dialog-option' },
      h('label', { for: option.id }, boxes[i], ' ', option.label),
      option.hint ? h('p', { class: 'hint', id: `${option.id}-hint` }, option.hint) : null)),
    groups.map(group => h('fieldset', { class: 'dialog-fields' }, h('legend', {}, group.legend),
      group.fields.map(field => h('div', { class: 'dialog-field' },
        h('label', { for: field.id }, field.label), inputs[fields.indexOf(field)],
        field.hint ? h('p', { class: 'hint', id: `${field.id}-hint` }, field.hint) : null)))));
  const ok = document.getElementById('confirm-ok');
  const cancel = document.getElementById('confirm-cancel');
  ok.textContent = okLabel;
  dialog.returnValue = 'cancel';
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? Object.fromEntries([
        ...options.map((option, i) => [option.id, boxes[i].checked]),
        ...fields.map((field, i) => [field.id, inputs[i].value.trim()])]) : null);
      if (opener instanceof HTMLElement && opener.isConnected) {
        opener.focus();
      }
    }, { once: true });
    dialog.showModal();
    // the safe choice has the focus: Enter on an unread dialog changes nothing
    cancel.focus();
  });
}

// a select of choices, or a whole number of days (the browser refuses OK for anything else)
function fieldInput(field) {
  const described = field.hint ? `${field.id}-hint` : null;
  if (field.choices) {
    return h('select', { id: field.id, 'aria-describedby': described },
      field.choices.map(choice => h('option', { value: choice.value }, choice.label)));
  }
  return h('input', { type: 'number', id: field.id, min: '1', step: '1', inputmode: 'numeric',
    placeholder: field.placeholder ?? '', 'aria-describedby': described });
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
