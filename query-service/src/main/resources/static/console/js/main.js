// Boot and routing: config (public) → sign-in → who am I → the page named by the URL fragment.
//   #/instances[?q=<id>&limit=<n>]      instance list
//   #/instances/<id>/ssl                an instance's Data Security > SSL page

import { Api } from './api.js';
import { fill, h } from './dom.js';
import { Session } from './session.js';
import { renderSignIn } from './views/sign-in.js';
import { renderInstances } from './views/instances.js';
import { renderSslPage } from './views/ssl-page.js';
import { problemBlock } from './views/problem.js';

const session = new Session();
const api = new Api(() => session.token(), () => expire());
const main = document.getElementById('main');
let currentView = null;
let configError = null;

async function boot() {
  document.getElementById('sign-out').addEventListener('click', () => {
    session.signOut();
    signedOut('You are signed out.');
  });
  window.addEventListener('hashchange', () => route());
  try {
    const config = await api.json(api.query('/console/config'), { authenticated: false });
    if (!config?.commandServiceUrl) {
      throw new Error('the console configuration names no command service');
    }
    api.setCommandServiceUrl(config.commandServiceUrl);
    api.consoleConfig = config;
  } catch (e) {
    configError = e;
  }
  await route();
}

async function route() {
  currentView?.dispose?.();
  currentView = null;
  if (configError) {
    fill(main, h('h1', {}, 'The console cannot start'),
      problemBlock(configError, 'Reading the console configuration (GET /api/v1/console/config) failed.'));
    return;
  }
  if (!session.signedIn) {
    showIdentity();
    currentView = renderSignIn(main, { onToken: token => signIn(token) });
    return;
  }
  if (!session.me) {
    try {
      await session.load(api);
    } catch (e) {
      if (e.status === 401) {
        session.signOut();
        signedOut('The saved token is no longer accepted. Sign in again.');
      } else {
        fill(main, h('h1', {}, 'Signing in failed'), problemBlock(e, 'Asking who this token belongs to failed.'),
          h('button', { type: 'button', onclick: () => route() }, 'Try again'));
      }
      return;
    }
  }
  showIdentity();
  const { path, params } = parseHash();
  const sslPage = path.match(/^\/instances\/([^/]+)\/ssl$/);
  if (sslPage) {
    currentView = renderSslPage(main, { api, session, instanceId: decodeSegment(sslPage[1]) });
  } else {
    if (path !== '/instances') {
      history.replaceState(null, '', '#/instances');
    }
    currentView = renderInstances(main, { api, session, params });
  }
}

async function signIn(token) {
  session.signIn(token);
  try {
    await session.load(api);
  } catch (e) {
    session.signOut();
    return e; // the sign-in form shows it
  }
  if (!location.hash || location.hash === '#/' || location.hash === '#') {
    history.replaceState(null, '', '#/instances');
  }
  await route();
  return null;
}

/** A 401 anywhere ends the session: back to the sign-in form with the reason. */
function expire() {
  if (!session.signedIn || !session.me) {
    // still signing in: the sign-in form or route() reports it
    return;
  }
  session.signOut();
  signedOut('Your session ended: the token is no longer accepted. Sign in again.');
}

function signedOut(message) {
  currentView?.dispose?.();
  showIdentity();
  currentView = renderSignIn(main, { onToken: token => signIn(token), message });
}

function showIdentity() {
  const identity = document.getElementById('identity');
  const signOut = document.getElementById('sign-out');
  if (session.signedIn && session.me) {
    fill(identity, h('span', { class: 'identity-name' }, session.me.name), ' ',
      h('span', { class: 'identity-roles' }, session.me.roles.join(', ') || 'no role'));
    identity.hidden = false;
    signOut.hidden = false;
  } else {
    identity.hidden = true;
    signOut.hidden = true;
  }
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape: the query service answers VALIDATION_FAILED, shown on the page
  }
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/instances';
  const [path, query = ''] = raw.split('?');
  return { path, params: new URLSearchParams(query) };
}

boot();
