// HTTP to the query service (same origin) and the command service (its own origin, allowed by CORS).
// Every call carries the signed-in token as a bearer token; failures become ApiError with a plain sentence.

import { operationKind } from './format.js';

/** A refused or failed call: the problem document's code and detail, and a sentence for people. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem.code || (status ? `HTTP_${status}` : 'NETWORK_ERROR');
    this.detail = problem.detail || '';
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** What went wrong, in plain words (the server's detail is shown beside it). */
  get plain() {
    return plainWords(this);
  }
}

function plainWords(error) {
  const progress = error.problem.progress;
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'The token was not accepted (missing, wrong, expired or revoked). Sign in again with a valid token.';
    case 'FORBIDDEN':
      return 'Your role does not allow this action.';
    case 'INSTANCE_NOT_IN_SCOPE':
      return 'Your token does not cover this instance.';
    case 'RATE_LIMITED':
      return `Too many requests; try again${error.retryAfter ? ` in ${error.retryAfter} s` : ' shortly'}.`;
    case 'OPERATION_IN_PROGRESS':
      if (progress) {
        const what = `${operationKind(progress.kind)} (${progress.operationId})`;
        return progress.state === 'FAILED'
          ? `Nothing was started: ${what} failed on node ${progress.failedNode ?? '?'} and waits for a retry.`
          : `Nothing was started: ${what} is already running on this instance, `
            + `${progress.nodesDone} of ${progress.nodesTotal} steps done. Wait until it ends.`;
      }
      return 'Nothing was started: another operation is already running on this instance.';
    case 'ROTATION_AWAITING_CLIENTS':
      return 'Nothing was started: a certificate update waits for clients to move to the new CA. Finish that '
        + 'rotation first.';
    case 'ROTATION_NOT_AWAITING_CLIENTS':
      return 'This rotation is not waiting for clients (it is already finishing, done, or was never held).';
    case 'TLS_ENFORCEMENT_UNCHANGED':
      return 'TLS enforcement is already set that way.';
    case 'NO_ROTATION_IN_PROGRESS':
      return 'No certificate update is in progress, so there is no CA bundle; download the CA certificate.';
    case 'SSL_ALREADY_ENABLED':
      return 'SSL is already enabled on this instance.';
    case 'SSL_NOT_ENABLED':
      return 'SSL is not enabled on this instance.';
    case 'INSTANCE_NOT_ELIGIBLE':
      return 'SSL cannot be managed for this instance.';
    case 'ROLLBACK_REQUIRED':
      return 'Nothing was started: an aborted operation left the nodes in different TLS states, and only its '
        + 'rollback can run next. Roll it back first.';
    case 'ROLLBACK_NOT_POSSIBLE':
      return 'There is nothing to roll back for this operation (it was not aborted, or left the nodes as before).';
    case 'OPERATION_NOT_ABORTABLE':
      return 'This operation cannot be aborted (a scheduled one is cancelled instead; a finished one is over).';
    case 'OPERATION_NOT_RETRYABLE':
      return 'This operation cannot be retried (it is not waiting for a retry).';
    case 'INSTANCE_NOT_FOUND':
      return 'There is no instance with this id.';
    case 'OPERATION_NOT_FOUND':
      return 'There is no such operation for this instance.';
    case 'CA_KEY_UNAVAILABLE':
      return 'The certificate authority key store is not available right now; try again later.';
    case 'IDEMPOTENCY_KEY_REUSED':
      return 'This request was already sent with different content.';
    case 'VALIDATION_FAILED':
      return 'The request was not valid.';
    case 'NETWORK_ERROR':
      return 'The service could not be reached.';
    case 'SERVICE_UNAVAILABLE':
      return 'The service is not available right now; try again later.';
    case 'INTERNAL_ERROR':
      return 'The service failed to answer; its log says why.';
    default:
      return `The request failed (HTTP ${error.status}).`;
  }
}

/** Joins a base URL and a path made of literal parts and encoded values. */
export function url(base, path) {
  return new URL(path.replace(/^\//, ''), base).toString();
}

export class Api {
  /**
   * @param tokenSource () => the bearer token or null
   * @param onUnauthenticated called when a service answers 401 (the session is over)
   */
  constructor(tokenSource, onUnauthenticated) {
    this.tokenSource = tokenSource;
    this.onUnauthenticated = onUnauthenticated;
    // the query API relative to the console (/console/ → /api/v1/), so a path prefix in front still works
    this.queryBase = new URL('../api/v1/', document.baseURI).toString();
    this.commandBase = null;
  }

  setCommandServiceUrl(commandServiceUrl) {
    this.commandBase = new URL('api/v1/', commandServiceUrl.endsWith('/') ? commandServiceUrl
      : `${commandServiceUrl}/`).toString();
  }

  query(path) {
    return url(this.queryBase, path);
  }

  command(path) {
    if (!this.commandBase) {
      throw new ApiError(0, { code: 'NETWORK_ERROR', detail: 'the command service address is not known yet' });
    }
    return url(this.commandBase, path);
  }

  /** fetch with the bearer token; resolves only with a 2xx/304 response, else rejects with ApiError. */
  async request(target, { method = 'GET', headers = {}, body, signal, accept = 'application/json',
    authenticated = true } = {}) {
    const allHeaders = { Accept: `${accept}, application/problem+json`, ...headers };
    const token = this.tokenSource();
    if (authenticated && token) {
      allHeaders.Authorization = `Bearer ${token}`;
    }
    let response;
    try {
      response = await fetch(target, { method, headers: allHeaders, body, signal, cache: 'no-store',
        credentials: 'omit', redirect: 'error' });
    } catch (e) {
      if (e.name === 'AbortError') {
        throw e;
      }
      const crossOrigin = new URL(target).origin !== location.origin;
      throw new ApiError(0, { code: 'NETWORK_ERROR',
        detail: `${new URL(target).origin} did not answer (${e.message})${crossOrigin
          ? '. If it is running, it may not allow this page\'s origin '
            + `(${location.origin}; SSLPLANE_SECURITY_CORS_ALLOWED_ORIGINS on the command service)` : ''}` });
    }
    if (response.ok || response.status === 304) {
      return response;
    }
    const error = new ApiError(response.status, await readProblem(response), response.headers.get('Retry-After'));
    if (response.status === 401 && authenticated) {
      this.onUnauthenticated?.(error);
    }
    throw error;
  }

  async json(target, options) {
    const response = await this.request(target, options);
    return response.status === 204 ? null : response.json();
  }

  /**
   * POST to the command service, with {@code body} as JSON when given; every confirmed action gets its own
   * Idempotency-Key (safe to resend).
   */
  async send(path, body) {
    const headers = { 'Idempotency-Key': idempotencyKey() };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    return this.json(this.command(path), {
      method: 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/** 128 random bits as hex (crypto.randomUUID exists only in secure contexts; plain-HTTP installations exist). */
function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
}

async function readProblem(response) {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') {
      return body;
    }
  } catch {
    // not JSON: a proxy or a servlet container page
  }
  return { title: response.statusText, detail: text.slice(0, 200) };
}
