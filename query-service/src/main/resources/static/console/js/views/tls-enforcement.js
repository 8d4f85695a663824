// TLS enforcement while SSL is enabled: requireTLS refuses plain connections ("force encryption"); turning it off
// goes back to preferTLS with a rolling restart (mongod never lowers its mode at run time).

import { h } from '../dom.js';

/** The #tls-enforcement row with its switch; null unless SSL is enabled. */
export function enforcementControl(status, { lock, onToggle }) {
  if (status.sslStatus !== 'ENABLED') {
    return null;
  }
  const enforced = Boolean(status.tlsEnforced);
  return h('div', { class: 'switch-row', id: 'tls-enforcement' },
    h('span', { id: 'tls-enforcement-label' }, 'Require TLS (refuse plain connections)'),
    h('button', { type: 'button', role: 'switch', id: 'tls-enforcement-switch', class: 'switch',
      'aria-checked': String(enforced), 'aria-labelledby': 'tls-enforcement-label',
      'aria-describedby': lock ? 'lock-reason' : null, 'aria-disabled': lock ? 'true' : null,
      onclick: () => onToggle(!enforced) },
    h('span', { class: 'switch-track', 'aria-hidden': 'true' }, h('span', { class: 'switch-thumb' })),
    h('span', { class: 'switch-state', 'aria-hidden': 'true' }, enforced ? 'On' : 'Off')));
}

/** The confirmation text for turning enforcement on or off. */
export function enforcementParagraphs(instanceId, requireTls) {
  return requireTls
    ? [`Every node of ${instanceId} moves to requireTLS at run time, without a restart.`,
      'Clients that connect without TLS are refused from then on: make sure every application uses TLS first.']
    : [`Every node of ${instanceId} goes back to preferTLS with a rolling restart (mongod lowers its TLS mode `
      + 'only on restart).', 'Clients may connect without TLS again.'];
}
