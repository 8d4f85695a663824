// The certificate history (every CA issued for the instance, newest first) and the instance's audit timeline,
// newest first, with older pages on demand.

import { fill, focusOn, h } from '../dom.js';
import { timeElement } from '../format.js';
import { problemBlock } from './problem.js';

const AUDIT_PAGE = 20;

export async function loadCertificateHistory({ api, id, target: historyBody, disposed }) {
  try {
    const certificates = await api.json(api.query(`/instances/${id}/ssl/certificates`));
    if (disposed()) {
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
    if (!disposed()) {
      fill(historyBody, problemBlock(e, 'Loading the certificate history failed.'));
    }
  }
}

export async function loadAuditTimeline({ api, session, instanceId, target: auditBody, disposed },
  cursor = null) {
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
    if (disposed()) {
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
        await loadAuditTimeline({ api, session, instanceId, target: auditBody, disposed }, page.nextCursor);
        focusOn(list.children[list.children.length - first] ?? list.lastElementChild);
      } }, 'Show older entries'));
    }
  } catch (e) {
    if (!disposed()) {
      fill(auditBody, problemBlock(e, 'Loading the audit timeline failed.'));
    }
  }
}
