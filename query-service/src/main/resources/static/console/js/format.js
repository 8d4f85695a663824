// How dates, durations and enum values read on the page.

import { h } from './dom.js';

const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  timeZoneName: 'short',
});

/** An ISO-8601 instant as local date and time; '—' when absent. */
export function dateTime(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : DATE_TIME.format(date);
}

/** A <time> element with the machine-readable instant and a readable text. */
export function timeElement(iso) {
  const element = document.createElement('time');
  if (iso) {
    element.dateTime = iso;
  }
  element.textContent = dateTime(iso);
  return element;
}

/** Milliseconds as "850 ms", "2.4 s", "3 min 05 s". */
export function duration(millis) {
  if (millis === null || millis === undefined) {
    return '—';
  }
  if (millis < 1000) {
    return `${Math.round(millis)} ms`;
  }
  if (millis < 60_000) {
    return `${(millis / 1000).toFixed(1)} s`;
  }
  const minutes = Math.floor(millis / 60_000);
  const seconds = Math.round((millis % 60_000) / 1000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** An ISO-8601 duration of hours, minutes and seconds ("PT1M30S") in milliseconds; null for anything else. */
export function isoDurationMillis(iso) {
  const parts = iso?.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/);
  if (!parts || iso === 'PT') {
    return null;
  }
  const [, hours, minutes, seconds] = parts.map(Number);
  return ((hours || 0) * 3600 + (minutes || 0) * 60 + (seconds || 0)) * 1000;
}

const SSL_STATUS = { ENABLED: 'Enabled', DISABLED: 'Disabled' };

export function sslStatus(value) {
  return SSL_STATUS[value] ?? (value ? titleCase(value) : 'Unknown');
}

const OPERATION_KIND = {
  ENABLE: 'Enable SSL', ROTATE: 'Update certificate', DISABLE: 'Disable SSL', ENFORCE_TLS: 'Require TLS',
  RELAX_TLS: 'Stop requiring TLS', RENEW_NODE_CERTIFICATES: 'Renew node certificates', ROLLBACK: 'Rollback',
};

export function operationKind(kind) {
  return OPERATION_KIND[kind] ?? titleCase(kind ?? 'operation');
}

/** The kind inside a sentence: "Retry enable SSL", not "enable ssl" (acronyms stay upper case). */
export function operationKindInText(kind) {
  const name = operationKind(kind);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const TLS_MODE = {
  DISABLED: 'Disabled (plain only)', ALLOW: 'allowTLS (plain and TLS, plain to members)',
  PREFER: 'preferTLS (plain and TLS)', REQUIRE: 'requireTLS (TLS only)',
};

/** A mongod TLS mode as people read it; '—' when unknown (never read back). */
export function tlsMode(mode) {
  return mode ? TLS_MODE[mode] ?? titleCase(mode) : '—';
}

/** RUNNING → Running, RETRIED → Retried. */
export function titleCase(value) {
  const words = String(value).toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 node", "3 nodes". */
export function nodeCount(count) {
  return `${count} ${count === 1 ? 'node' : 'nodes'}`;
}

const EXPIRY_TEXT = { OK: 'valid', RENEW_SOON: 'renew soon', EXPIRED: 'expired' };

/**
 * A certificate's expiry state as a badge: "valid · 312 days left", "renew soon · 20 days left", "expired 3 days
 * ago"; its data-expiry attribute is the API's state (OK, RENEW_SOON, EXPIRED).
 */
export function expiryBadge(certificate, id) {
  const state = certificate.expiry ?? 'OK';
  const days = certificate.daysLeft ?? 0;
  const when = state === 'EXPIRED' ? ` ${-days} day${days === -1 ? '' : 's'} ago`
    : ` · ${days} day${days === 1 ? '' : 's'} left`;
  return h('span', { class: `badge badge-expiry-${state.toLowerCase().replace('_', '-')}`, id,
    dataset: { expiry: state } }, EXPIRY_TEXT[state] ?? state, when);
}

/** A weekly maintenance window (UTC): "Saturday 02:00 UTC, 4 h". */
export function maintenanceWindowText(window) {
  const hours = window.duration?.match(/^PT(?:(\d+)H)?(?:(\d+)M)?$/);
  const length = hours ? [hours[1] ? `${hours[1]} h` : '', hours[2] ? `${hours[2]} min` : ''].filter(Boolean).join(' ')
    : window.duration;
  return `${titleCase(window.dayOfWeek)} ${window.start} UTC, ${length}`;
}
