import { ConfigValidationError } from '@patientinsight/shared';
import { loadFrontendConfig } from './frontend.config.js';
import { startFrontendServer } from './frontend-server.js';

try {
  const config = loadFrontendConfig();
  const server = await startFrontendServer(config);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
