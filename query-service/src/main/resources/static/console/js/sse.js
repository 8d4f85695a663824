// Server-sent events read with fetch(), because EventSource cannot send an Authorization header (and a token in
// the URL would end up in logs). Parses the text/event-stream format and reconnects with Last-Event-ID when the
// stream drops before the caller says it is over.

import { ApiError } from './api.js';

/**
 * Parses an event stream chunk by chunk. Call push() with decoded text; it calls onEvent({event, data, id}) for
 * every complete event (blank-line terminated), following the WHATWG rules for fields, comments and CR/LF.
 */
export class EventStreamParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buffer = '';
    this.lastEventId = null;
    this.reset();
  }

  reset() {
    this.eventType = '';
    this.dataLines = [];
  }

  push(text) {
    this.buffer += text;
    let newline;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // a lone CR at the end of a chunk may be the first half of CRLF: wait for the next chunk
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) {
        break;
      }
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      this.line(line);
    }
  }

  line(line) {
    if (line === '') {
      if (this.dataLines.length > 0) {
        this.onEvent({ event: this.eventType || 'message', data: this.dataLines.join('\n'), id: this.lastEventId });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      return; // comment / keep-alive
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    if (field === 'event') {
      this.eventType = value;
    } else if (field === 'data') {
      this.dataLines.push(value);
    } else if (field === 'id' && !value.includes('\0')) {
      this.lastEventId = value;
    }
  }
}

/**
 * Follows an event stream until isFinal(event) or stop(). Reconnects after a drop (network, server restart) with
 * Last-Event-ID, backing off up to 10 s; a problem answer that retrying cannot fix (4xx other than 404/429) ends it
 * with onError. A 404 right after a command is expected (the read side has not seen the operation yet) and retried.
 */
export function followStream(api, target, { onEvent, isFinal, onError, onReconnecting, maxNotFound = 30 }) {
  const controller = new AbortController();
  let stopped = false;
  let lastEventId = null;
  let notFound = 0;
  let failures = 0;
  let waitingForReadSide = false;

  const stop = () => {
    stopped = true;
    controller.abort();
  };

  (async () => {
    while (!stopped) {
      try {
        const headers = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
        const response = await api.request(target, { headers, signal: controller.signal,
          accept: 'text/event-stream' });
        failures = 0;
        notFound = 0;
        waitingForReadSide = false;
        let finished = false;
        const parser = new EventStreamParser(event => {
          lastEventId = event.id ?? lastEventId;
          let data;
          try {
            data = JSON.parse(event.data);
          } catch {
            return; // not ours
          }
          onEvent(event.event, data);
          if (isFinal(event.event, data)) {
            finished = true;
          }
        });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        while (!finished && !stopped) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          parser.push(value);
        }
        if (finished || stopped) {
          stopped = true;
          reader.cancel().catch(() => {});
          return;
        }
        // the server closed before the final event: reconnect
      } catch (e) {
        if (stopped || e.name === 'AbortError') {
          return;
        }
        const retryable = !(e instanceof ApiError) || e.status === 0 || e.status === 404 || e.status === 429
          || e.status >= 500;
        waitingForReadSide = e instanceof ApiError && e.status === 404;
        if (waitingForReadSide && ++notFound > maxNotFound) {
          onError(e);
          return;
        }
        if (!retryable) {
          onError(e);
          return;
        }
        if (!waitingForReadSide) {
          failures++;
        }
      }
      if (stopped) {
        return;
      }
      onReconnecting?.(failures);
      await pause(waitingForReadSide ? 500 : Math.min(10_000, 250 * 2 ** Math.min(failures, 6)), controller.signal);
    }
  })();

  return { stop };
}

function pause(millis, signal) {
  return new Promise(resolve => {
    const timer = setTimeout(resolve, millis);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
