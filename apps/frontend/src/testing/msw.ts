import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Base URL the components call in tests (the runtime config default). */
export const API = 'http://localhost:3000';

/** One MSW server per test file; each test adds its own few handlers with `server.use(...)`. */
export const server = setupServer();

export function setupMswServer() {
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** A `text/event-stream` answer built from typed events (frames as the backend writes them). */
export function sseResponse(
  events: ReadonlyArray<{ type: string } & Record<string, unknown>>,
  { before }: { before?: Record<number, Promise<unknown>> } = {},
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const [i, event] of events.entries()) {
        // A test can hold an event back until it has seen the partial text on screen.
        if (before?.[i]) await before[i];
        controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
