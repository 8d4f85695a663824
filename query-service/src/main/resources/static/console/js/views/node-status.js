// The instance's nodes as last read back from them after a step: TLS mode, the CAs they trust, their current role
// (the registered role may be out of date: the primary moves), and the certificate last signed for each.

import { h } from '../dom.js';
import { expiryBadge, timeElement, titleCase, tlsMode } from '../format.js';

export function nodeStatusTable(status) {
  const nodes = status.nodes ?? [];
  if (!nodes.length) {
    return h('p', { class: 'hint' }, 'No nodes are registered for this instance.');
  }
  return h('div', { class: 'table-scroll' }, h('table', { id: 'node-status' },
    h('caption', { class: 'visually-hidden' }, 'Nodes as last read back'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Node'), h('th', { scope: 'col' }, 'Address'),
      h('th', { scope: 'col' }, 'Current role'), h('th', { scope: 'col' }, 'TLS mode'),
      h('th', { scope: 'col' }, 'Trusted CAs'), h('th', { scope: 'col' }, 'Certificate'),
      h('th', { scope: 'col' }, 'Read back'))),
    h('tbody', {}, nodes.map(node => h('tr', { dataset: { node: node.name } },
      h('th', { scope: 'row' }, node.name),
      h('td', { class: 'mono' }, `${node.host}:${node.port}`),
      h('td', { class: 'current-role' }, node.currentRole ? titleCase(node.currentRole)
        : `${titleCase(node.role ?? 'unknown')} (registered)`),
      h('td', { class: 'node-tls-mode' }, tlsMode(node.tlsMode)),
      h('td', { class: 'trusted-cas' }, trustedCas(node.trustedCas, status)),
      h('td', { class: 'node-certificate' }, certificate(node.certificate)),
      h('td', {}, node.observedAt ? timeElement(node.observedAt) : 'not yet'))))));
}

/** The node's certificate (signed by the CA whose serial it names) and its expiry, or '—' before one was signed. */
function certificate(leaf) {
  if (!leaf) {
    return '—';
  }
  return h('span', { title: `signed by CA ${leaf.issuerSerial}, valid until ${leaf.notAfter}` },
    h('span', { class: 'mono' }, leaf.serial), ' ', expiryBadge(leaf));
}

function trustedCas(cas, status) {
  if (!cas) {
    return '—';
  }
  if (!cas.length) {
    return 'none';
  }
  return h('ul', { class: 'plain-list' }, cas.map(ca => h('li', { dataset: { serial: ca.serial } },
    h('span', { class: 'mono' }, ca.serial), ca.subject ? ` ${ca.subject}` : '',
    ca.serial === status.currentCa?.serial ? h('span', { class: 'badge badge-enabled' }, 'current')
      : ca.serial === status.previousCa?.serial ? h('span', { class: 'badge' }, 'previous') : null)));
}
