import { ConfigValidationError } from '@patientinsight/shared';
import { installProcessGuards } from './process-guard.js';

/**
 * Runs a service's main: a configuration problem prints one line naming the variable and the
 * reason, and exits 1, never a stack trace. An unhandled rejection later is logged and counted, not
 * fatal (see installProcessGuards).
 */
export async function boot(main: () => Promise<void>): Promise<void> {
  installProcessGuards();
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'startup failed', err: String((error as Error)?.stack ?? error) })}\n`);
    process.exit(1);
  }
}
