import { z } from 'zod';

/** Injected by the frontend server at start (`/config.js`), not baked in at build time. */
const runtimeConfigSchema = z.object({ backendUrl: z.string().default('http://localhost:3000') });
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

declare global {
  interface Window {
    __PATIENTINSIGHT_CONFIG__?: unknown;
  }
}

export function readRuntimeConfig(): RuntimeConfig {
  return runtimeConfigSchema.parse(window.__PATIENTINSIGHT_CONFIG__ ?? {});
}
