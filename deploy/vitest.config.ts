import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    exclude: ['test/images.spec.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // helm, promtool and the three services are real processes: one file at a time on 2 cores.
    fileParallelism: false,
  },
});
