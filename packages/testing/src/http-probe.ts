/** The status a URL answers with, or 0 when nothing answers (refused, reset, timed out). */
export async function httpStatus(url: string, timeoutMs = 5000): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

/** Polls until `url` answers `expected` (or the time is up) and returns the last status seen. */
export async function eventuallyStatus(url: string, expected: number, timeoutMs = 30_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < until) {
    last = await httpStatus(url);
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}
