/** At most one audit row per client address, route and reason in this window; the rest are counted. */
const WINDOW_MS = 60_000;
/** Bounds the memory a flood of distinct addresses can take; the window starts over when full. */
const MAX_KEYS = 10_000;

/**
 * Decides which refused anonymous requests reach the audit trail. Every 401 is worth knowing about
 * (credential stuffing, stolen tokens), but a flood must not turn into a flood of audit rows: the
 * first per address, route and reason in a minute is recorded, with how many were left out before it.
 */
export class UnauthenticatedTrail {
  private readonly seen = new Map<string, { at: number; suppressed: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The number of refusals left out since the last recorded one, or null when this one is left out too. */
  admit(ip: string, route: string, reason: string): number | null {
    const key = `${ip}|${route}|${reason}`;
    const now = this.now();
    const entry = this.seen.get(key);
    if (entry && now - entry.at < WINDOW_MS) {
      entry.suppressed += 1;
      return null;
    }
    if (!entry && this.seen.size >= MAX_KEYS) this.seen.clear();
    this.seen.set(key, { at: now, suppressed: 0 });
    return entry?.suppressed ?? 0;
  }
}
