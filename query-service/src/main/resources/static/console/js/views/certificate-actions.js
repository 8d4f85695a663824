// The Certificate card's actions on an instance's SSL page: when Update Certificate, Renew Node Certificates and
// Download Certificate are available (and why not), and saving a CA file (the certificate, or a rotation's CA bundle) with what was saved.

import { fill, h } from '../dom.js';
import { downloadPem } from '../download.js';
import { problemBlock } from './problem.js';

const ONLY_ENABLED = 'Available only while SSL is Enabled.';

/** Marks the certificate buttons available or not, with the reason as their hint. */
export function renderCertificateAvailability({ rotateButton, rotateHint, renewButton, renewHint, downloadButton,
  downloadHint }, status, lock) {
  const enabled = status.sslStatus === 'ENABLED';
  setAvailability(rotateButton, rotateHint, !enabled ? ONLY_ENABLED : lock);
  setAvailability(renewButton, renewHint, !enabled ? ONLY_ENABLED : lock);
  if (enabled && !lock && renewsSoon(status)) {
    renewHint.textContent = 'Node certificates are due for renewal.';
  }
  setAvailability(downloadButton, downloadHint, enabled ? null : ONLY_ENABLED);
  if (enabled && status.caBundleHref) {
    downloadHint.textContent = 'During the update this is the CA bundle: the new CA, then the previous one.';
  }
}

/** Clears a "Saved …" note once the CA (or the bundle) changed: the file saved before is no longer the one to use. */
export function clearOutdatedDownload(downloadResult, status) {
  const downloaded = downloadResult.querySelector('#download-done');
  if (downloaded && downloaded.dataset.etag !== expectedTag(status)) {
    fill(downloadResult);
  }
}

/** Saves a CA file; {@code resultArea} then says what was saved (#doneId, with its ETag) or why it failed. */
export async function saveCaFile(api, { path, fallbackName, resultArea, doneId, context }) {
  fill(resultArea);
  try {
    const { name, etag } = await downloadPem(api, api.query(path), fallbackName);
    fill(resultArea, h('p', { class: 'success', role: 'status', id: doneId, dataset: { etag: etag ?? '' } },
      `Saved ${name}`, etag ? ` (SHA-256 ${etag.replace('+', ' + ')})` : '', '.'));
  } catch (e) {
    fill(resultArea, problemBlock(e, context));
  }
}

function renewsSoon(status) {
  return (status.nodes ?? []).some(node => ['RENEW_SOON', 'EXPIRED'].includes(node.certificate?.expiry));
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

/** The ETag a CA download has now: the current CA's fingerprint, "+ the previous one's" for a rotation's bundle. */
function expectedTag(status) {
  const current = status.currentCa?.sha256Fingerprint ?? '';
  return status.caBundleHref && status.previousCa ? `${current}+${status.previousCa.sha256Fingerprint}` : current;
}
