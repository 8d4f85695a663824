// The sign-in form: paste an API token; it is checked with GET /api/v1/me before anything else is shown.

import { fill, h } from '../dom.js';
import { problemBlock } from './problem.js';

export function renderSignIn(main, { onToken, message }) {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    required: true, 'aria-describedby': 'token-help' });
  const feedback = h('div', { id: 'sign-in-feedback', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'sign-in card', novalidate: true },
    h('label', { for: 'token' }, 'API token'),
    input,
    h('p', { id: 'token-help', class: 'hint' },
      'Paste the API token you were given (it starts with sslp_, or a JWT). It is kept in this browser tab only '
      + 'and forgotten when you sign out or close the tab.'),
    submit,
    feedback);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const token = input.value.trim();
    if (!token) {
      fill(feedback, h('p', { class: 'problem', role: 'alert' }, 'Paste a token first.'));
      input.focus();
      return;
    }
    submit.disabled = true;
    fill(feedback, h('p', { class: 'hint' }, 'Checking the token…'));
    const error = await onToken(token);
    if (error && form.isConnected) {
      submit.disabled = false;
      fill(feedback, problemBlock(error, 'Signing in failed.'));
      input.select();
      input.focus();
    }
  });
  fill(main,
    h('h1', {}, 'Sign in to the sslplane console'),
    message ? h('p', { class: 'notice', role: 'status' }, message) : null,
    form);
  input.focus();
  return { dispose() {} };
}
