import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/public', emptyOutDir: true, sourcemap: true },
  server: { port: 5173 },
  test: {
    // Waits are guards against hangs, never speed checks: under CI load one focus poll outlasted the 1 s default.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['src/**/*.spec.{ts,tsx}'],
          setupFiles: ['src/testing/setup.ts'],
          testTimeout: 30_000 /* CI shares two cores with other suites */,
        },
      },
      { extends: true, test: { name: 'server', environment: 'node', include: ['server/**/*.spec.ts', 'scripts/**/*.spec.ts'] } },
      {
        // Real browser against the three real services; one stack for the file, journeys in order.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
