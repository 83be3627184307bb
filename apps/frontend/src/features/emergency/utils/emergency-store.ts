import type { RedFlagState } from '@patientinsight/shared';
import { z } from 'zod';

/**
 * The emergency advice last shown for an encounter, kept in this tab's sessionStorage so a network
 * blip, a reload or a stopped backend never takes it off the screen. Only what the screen needs is
 * kept: the categories' plain-words labels and the guidance, never the patient's own message.
 */
const storedFlagSchema = z.object({
  category: z.string(),
  label: z.string(),
  guidance: z.enum(['emergency', 'urgent', 'crisis']).optional(),
});
const storedEmergencySchema = z.object({
  flags: z.array(storedFlagSchema),
  guidance: z.string().nullable(),
  redFlag: z.unknown().optional(),
  savedAt: z.string(),
});
export type EmergencyFlag = z.infer<typeof storedFlagSchema>;
export interface Emergency {
  flags: EmergencyFlag[];
  guidance: string | null;
  redFlag: RedFlagState | null;
  savedAt: string;
}

/**
 * The flags and guidance of a stored triage result, read leniently: the screen needs only each flag's
 * category and label, and must not lose the reason when another field of the taxonomy changes shape.
 */
const storedTriageSchema = z.object({
  flags: z.array(z.looseObject({ category: z.string(), label: z.string(), guidance: z.string().optional() })).catch([]),
  guidance: z.string().nullable().catch(null),
});
export function readEmergencyTriage(triage: unknown): Pick<Emergency, 'flags' | 'guidance'> {
  const parsed = storedTriageSchema.safeParse(triage ?? {});
  if (!parsed.success) return { flags: [], guidance: null };
  const flags = parsed.data.flags.map((f): EmergencyFlag => {
    const guidance = storedFlagSchema.shape.guidance.safeParse(f.guidance);
    return { category: f.category, label: f.label, ...(guidance.success && guidance.data ? { guidance: guidance.data } : {}) };
  });
  return { flags, guidance: parsed.data.guidance };
}

const key = (encounterId: string) => `patientinsight.emergency.${encounterId}`;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    // Storage can be disabled (privacy settings); the screen then lives as long as the page.
    return null;
  }
}

export function loadEmergency(encounterId: string): Emergency | null {
  const raw = storage()?.getItem(key(encounterId));
  if (!raw) return null;
  try {
    const parsed = storedEmergencySchema.safeParse(JSON.parse(raw));
    return parsed.success ? { ...parsed.data, redFlag: (parsed.data.redFlag as RedFlagState | undefined) ?? null } : null;
  } catch {
    return null;
  }
}

/** Keeps the newest advice; a red-flag state already known is not replaced by "unknown". */
export function saveEmergency(encounterId: string, emergency: Omit<Emergency, 'savedAt'>): Emergency {
  const previous = loadEmergency(encounterId);
  const next: Emergency = {
    flags: emergency.flags.map((f) => ({ category: f.category, label: f.label, ...(f.guidance ? { guidance: f.guidance } : {}) })),
    guidance: emergency.guidance ?? previous?.guidance ?? null,
    redFlag: emergency.redFlag ?? previous?.redFlag ?? null,
    savedAt: new Date().toISOString(),
  };
  try {
    storage()?.setItem(key(encounterId), JSON.stringify(next));
  } catch {
    // Quota or disabled storage: the advice stays on screen for this page's life.
  }
  return next;
}

/**
 * The advice this tab saved for the consultation page at `path` (`/patient/encounters/:id`), if any:
 * after a reload with the backend unreachable the page cannot load, and the advice must stay.
 */
export function emergencyForPath(path: string | null): Emergency | null {
  const id = path?.match(/^\/patient\/encounters\/([^/?#]+)$/)?.[1];
  return id ? loadEmergency(id) : null;
}
