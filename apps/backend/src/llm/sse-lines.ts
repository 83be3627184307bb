/**
 * Reassembles server-sent-event `data:` payloads from byte chunks that split lines anywhere (SageMaker
 * PayloadParts cut TGI's `data:{...}\n\n` lines at arbitrary offsets).
 */
export class SseDataReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();

  /** The complete `data:` payloads contained in what has arrived so far. */
  push(bytes: Uint8Array): string[] {
    this.buffer += this.decoder.decode(bytes, { stream: true });
    const payloads: string[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      if (line.startsWith('data:')) payloads.push(line.slice(5).trimStart());
      newline = this.buffer.indexOf('\n');
    }
    return payloads;
  }

  /** A last `data:` line without a trailing newline. */
  flush(): string[] {
    const rest = (this.buffer + this.decoder.decode()).trim();
    this.buffer = '';
    return rest.startsWith('data:') ? [rest.slice(5).trimStart()] : [];
  }
}
