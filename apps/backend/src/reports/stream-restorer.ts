import type { MaskingSession } from '../privacy/pii-masker.js';

/**
 * Restores masked placeholders in streamed text. A placeholder can arrive split over tokens
 * ("[NA" + "ME_1]"), so a trailing fragment that could still become one is held back until it completes.
 */
export class StreamRestorer {
  private pending = '';
  constructor(private readonly session: MaskingSession) {}

  push(delta: string): string {
    this.pending += delta;
    const open = this.pending.lastIndexOf('[');
    let emitUpTo = this.pending.length;
    if (open >= 0 && !this.pending.includes(']', open) && /^\[[A-Z_0-9]{0,16}$/.test(this.pending.slice(open))) emitUpTo = open;
    const ready = this.pending.slice(0, emitUpTo);
    this.pending = this.pending.slice(emitUpTo);
    return this.session.restore(ready);
  }

  flush(): string {
    const rest = this.session.restore(this.pending);
    this.pending = '';
    return rest;
  }
}
