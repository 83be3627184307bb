import { defineConfig } from 'vitest/config';

// The image build-and-boot check: its own turbo task (test:images), about 10-15 minutes on a fresh machine.
export default defineConfig({
  test: {
    include: ['test/images.spec.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 20 * 60_000,
  },
});
