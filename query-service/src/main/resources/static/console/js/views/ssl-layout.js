// The skeleton of an instance's SSL page: breadcrumb, heading and the cards (SSL, Certificate, operation, nodes,
// certificate history, audit timeline), empty until the page fills them.

import { fill, h } from '../dom.js';

/**
 * Fills {@code main} with the page's skeleton and returns the regions the page fills and the controls it updates.
 * {@code mayOperate} decides whether Update Certificate and Renew Node Certificates are there at all.
 */
export function sslPageLayout(main, { instanceId, mayOperate, onRefresh, onRotate, onRenew, onDownload }) {
  const parts = {
    heading: h('h1', { id: 'page-title' }, 'SSL'),
    statusRegion: h('div', { id: 'ssl-status', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…')),
    switchArea: h('div', { id: 'ssl-switch-area' }),
    lockReason: h('p', { id: 'lock-reason', class: 'lock-reason', role: 'status', hidden: true }),
    switchError: h('div', { id: 'switch-error', class: 'action-error' }),
    caDetails: h('dl', { id: 'current-ca', class: 'details', hidden: true }),
    rotateButton: h('button', { type: 'button', id: 'rotate-certificate', 'aria-describedby': 'rotate-hint',
      onclick: () => onRotate() }, 'Update Certificate'),
    rotateHint: h('span', { id: 'rotate-hint', class: 'hint' }),
    renewButton: h('button', { type: 'button', id: 'renew-node-certificates', class: 'secondary',
      'aria-describedby': 'renew-hint', onclick: () => onRenew() }, 'Renew Node Certificates'),
    renewHint: h('span', { id: 'renew-hint', class: 'hint' }),
    rotateError: h('div', { id: 'rotate-error', class: 'action-error' }),
    downloadButton: h('button', { type: 'button', id: 'download-certificate',
      'aria-describedby': 'download-hint', onclick: () => onDownload() }, 'Download Certificate'),
    downloadHint: h('span', { id: 'download-hint', class: 'hint' }),
    downloadResult: h('div', { id: 'download-result', class: 'action-error', 'aria-live': 'polite' }),
    rotationArea: h('div', { id: 'rotation-area' }),
    bundleResult: h('div', { id: 'bundle-result', class: 'action-error', 'aria-live': 'polite' }),
    nodesBody: h('div', { id: 'nodes-body' }),
    operationSection: h('section', { id: 'operation', class: 'card', 'aria-labelledby': 'operation-title',
      hidden: true }),
    historyBody: h('div', { id: 'certificate-history' }, h('p', { class: 'loading' }, 'Loading…')),
    auditBody: h('div', { id: 'audit-timeline' }),
  };
  const p = parts;

  fill(main,
    h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, h('ol', {},
      h('li', {}, h('a', { href: '#/instances' }, 'Instances')),
      h('li', {}, h('span', { id: 'instance-id' }, instanceId)),
      h('li', {}, 'Data Security'),
      h('li', { 'aria-current': 'page' }, 'SSL'))),
    p.heading,
    h('div', { class: 'columns' },
      h('section', { class: 'card', id: 'ssl-settings', 'aria-labelledby': 'settings-title' },
        h('div', { class: 'card-header' }, h('h2', { id: 'settings-title' }, 'SSL'),
          h('button', { type: 'button', class: 'secondary small', id: 'refresh', onclick: () => onRefresh() },
            'Refresh')),
        p.statusRegion, p.switchArea, p.lockReason, p.switchError, p.caDetails),
      h('section', { class: 'card', id: 'certificate-actions', 'aria-labelledby': 'certificate-title' },
        h('h2', { id: 'certificate-title' }, 'Certificate'),
        h('p', { class: 'hint' }, 'Clients verify the nodes with the instance\'s CA certificate: download it and '
          + 'give it to every application that connects with TLS.'),
        mayOperate ? h('div', { class: 'action' }, p.rotateButton, p.rotateHint, p.rotateError) : null,
        mayOperate ? h('div', { class: 'action' }, p.renewButton, p.renewHint) : null,
        h('div', { class: 'action' }, p.downloadButton, p.downloadHint, p.downloadResult), p.rotationArea)),
    p.operationSection,
    h('section', { class: 'card', id: 'nodes', 'aria-labelledby': 'nodes-title' },
      h('h2', { id: 'nodes-title' }, 'Nodes'),
      h('p', { class: 'hint' }, 'As each node reported itself after its last step.'), p.nodesBody),
    h('section', { class: 'card', id: 'history', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, 'Certificate history'), p.historyBody),
    h('section', { class: 'card', id: 'audit', 'aria-labelledby': 'audit-title' },
      h('h2', { id: 'audit-title' }, 'Audit timeline'), p.auditBody));
  return parts;
}
