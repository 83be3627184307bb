import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { rawRequest } from './api-client';

/**
 * Reads a Server-Sent Events answer from a POST or GET (EventSource cannot send a body or an
 * Authorization header, so the stream is read from fetch). Calls `onEvent` for each event.
 */
export async function streamEvents(path: string, init: RequestInit, onEvent: (event: EventSourceMessage) => void): Promise<void> {
  const res = await rawRequest(path, {
    ...init,
    headers: { accept: 'text/event-stream', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });
  if (!res.body) return;
  const parser = createParser({ onEvent });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(value);
  }
}
