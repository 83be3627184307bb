import { createParser, type EventSourceParser } from 'eventsource-parser';

/**
 * The `data` payloads of a server-sent-event stream arriving as byte chunks cut anywhere (SageMaker PayloadParts cut
 * TGI's `data:{...}\n\n` lines at arbitrary offsets). Parsing is eventsource-parser's, as in the frontend.
 */
export class SseDataReader {
  private readonly decoder = new TextDecoder();
  private readonly parser: EventSourceParser;
  private ready: string[] = [];

  constructor() {
    this.parser = createParser({ onEvent: (event) => this.ready.push(event.data) });
  }

  /** The complete events' payloads contained in what has arrived so far. */
  push(bytes: Uint8Array): string[] {
    this.parser.feed(this.decoder.decode(bytes, { stream: true }));
    return this.take();
  }

  /** A last event the stream ended without terminating (no trailing blank line). */
  flush(): string[] {
    this.parser.feed(`${this.decoder.decode()}\n\n`);
    return this.take();
  }

  private take(): string[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }
}
