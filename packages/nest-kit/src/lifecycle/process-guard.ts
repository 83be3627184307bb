import { Counter } from 'prom-client';

/**
 * Counts unhandled promise rejections. Registered on no registry here: MetricsModule adds it to each
 * app's registry, so it is scraped with the service's other metrics.
 */
export const unhandledRejections = new Counter({
  name: 'process_unhandled_rejections_total',
  help: 'Promise rejections nobody handled; each one is a bug to fix, logged without its message',
  registers: [],
});

let installed = false;

/**
 * Node's default for an unhandled rejection is to exit, which takes every in-flight request down with
 * the one that failed. This guard logs and counts it instead. The log line keeps the error's type, code
 * and stack frames, never its message: messages can carry request data (names, SQL parameters).
 */
export function installProcessGuards(write: (line: string) => void = (line) => process.stderr.write(line)): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason: unknown) => {
    unhandledRejections.inc();
    write(
      `${JSON.stringify({ level: 'error', time: Date.now(), msg: 'unhandled promise rejection', err: describeWithoutMessage(reason) })}\n`,
    );
  });
}

export function describeWithoutMessage(reason: unknown): { type: string; code?: string; frames?: string[] } {
  if (typeof reason !== 'object' || reason === null) return { type: reason === null ? 'null' : typeof reason };
  const error = reason as { stack?: unknown; code?: unknown; type?: unknown; name?: string; constructor?: { name?: string } };
  // pino-http hands its `err` serializer the standard serializer's copy: a plain object with `type` and `stack`.
  if (!(reason instanceof Error) && typeof error.stack !== 'string') return { type: 'object' };
  const type =
    reason instanceof Error ? (error.constructor?.name ?? error.name ?? 'Error') : typeof error.type === 'string' ? error.type : 'Error';
  const frames = String(error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 10)
    .map((line) => line.trim());
  return { type, ...(typeof error.code === 'string' ? { code: error.code } : {}), frames };
}
