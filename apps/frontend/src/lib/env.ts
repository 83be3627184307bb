import { z } from 'zod';

/**
 * Runtime configuration, injected by the frontend server at start (`/config.js`), not baked in at
 * build time, so one build runs in every environment. Parsed once with zod: a bad value fails loudly.
 */
const runtimeConfigSchema = z.object({
  backendUrl: z.url({ protocol: /^https?$/, message: 'backendUrl must be an http(s) URL' }).default('http://localhost:3000'),
  /** Where the browser posts Web Vitals; the frontend server itself. */
  vitalsUrl: z.string().default('/vitals'),
  /** The local emergency number for tap-to-call (the deployment's EMERGENCY_NUMBER). */
  emergencyNumber: z
    .string()
    .regex(/^\+?[0-9][0-9 ]{1,19}$/, 'emergencyNumber must be a phone number')
    .default('112'),
  /** A crisis line for suicide or self-harm red flags; null when the deployment has none. */
  crisisLine: z
    .string()
    .regex(/^\+?[0-9][0-9 ]{1,19}$/, 'crisisLine must be a phone number')
    .nullable()
    .default(null),
});
export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

declare global {
  interface Window {
    __PATIENTINSIGHT_CONFIG__?: unknown;
  }
}

export function readRuntimeConfig(): RuntimeConfig {
  return runtimeConfigSchema.parse(window.__PATIENTINSIGHT_CONFIG__ ?? {});
}
