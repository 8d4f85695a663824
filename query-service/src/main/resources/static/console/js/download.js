// Saves a PEM answered by the query API as a file (a fetch with the bearer token, then a Blob link: a plain link
// could not carry the token) and tells what was saved.

import { h } from './dom.js';

/** Resolves with {name, etag} once the browser was handed the file. */
export async function downloadPem(api, target, fallbackName) {
  const response = await api.request(target, { accept: 'application/x-pem-file' });
  const pem = await response.text();
  const name = fileName(response.headers.get('Content-Disposition')) ?? fallbackName;
  const link = h('a', { href: URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' })),
    download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { name, etag: response.headers.get('ETag')?.replaceAll('"', '') ?? null };
}

/** The fingerprint of the first (current) CA in an ETag: a bundle's tag is "<new>+<previous>". */
export function currentFingerprint(etag) {
  return etag ? etag.split('+')[0] : '';
}

function fileName(disposition) {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match ? match[1] : null;
}
