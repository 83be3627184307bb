import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/public', emptyOutDir: true },
  server: { port: 5173 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}', 'server/**/*.spec.ts'],
    environmentMatchGlobs: undefined,
  },
});
