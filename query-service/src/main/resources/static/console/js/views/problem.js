// An error shown where it happened: a plain sentence, what the service said, and its code.

import { h } from '../dom.js';

/**
 * @param error   an ApiError (or any Error)
 * @param context what the user was doing, e.g. "Turning SSL on failed."
 */
export function problemBlock(error, context) {
  const plain = error?.plain ?? 'Something went wrong in the console.';
  const detail = error?.detail ?? error?.message ?? '';
  return h('div', { class: 'problem', role: 'alert', dataset: { code: error?.code ?? 'CONSOLE_ERROR' } },
    context ? h('strong', {}, context, ' ') : null,
    h('span', { class: 'problem-plain' }, plain),
    detail && detail !== plain ? h('span', { class: 'problem-detail' }, ` Details: ${detail}`) : null,
    error?.code ? h('span', { class: 'problem-code' }, ` (${error.code})`) : null);
}
