import type { EncounterEvent, EncounterStatus } from '@patientinsight/shared';

/**
 * What of an encounter's history its patient may see, by event type. The export must show no more
 * than the encounter view does at that moment: doctors' drafts (notes, prescription) and the report's
 * metadata only once released, never a doctor-only reason, and nothing from an event type not named
 * here (new types stay hidden until someone decides otherwise).
 */
type DataView = (data: Record<string, unknown>, released: boolean) => Record<string, unknown> | null;
const PATIENT_EVENT_DATA = new Map<string, DataView>(
  Object.entries({
    created: (data) => data,
    conversation: (data) => data,
    summary: (data) => data,
    triage: (data) => data,
    red_flag: (data) => data,
    submit: (data) => data,
    claim: (data) => data,
    unclaim: (data) => data,
    return: (data) => data,
    release: (data) => data,
    // Which model and versions wrote it; a doctor's regeneration reason stays with the doctors.
    report: ({ model, promptVersion, corpusVersion }, released) => (released ? { model, promptVersion, corpusVersion } : null),
    acknowledge: ({ action, message, flaggedAt }) => ({ action, message, flaggedAt }),
  } satisfies Record<string, DataView>),
);

/** Written while the doctor reviews: absent before release; afterwards the encounter itself carries the released text. */
const REVIEW_DRAFTS = new Set(['notes', 'prescription']);

/** The event as the patient may see it now, or null when its existence is not theirs to see yet. */
export function patientEventView(event: EncounterEvent, status: EncounterStatus): EncounterEvent | null {
  const released = status === 'released';
  if (REVIEW_DRAFTS.has(event.type)) return released ? { ...event, data: null } : null;
  const view = PATIENT_EVENT_DATA.get(event.type);
  return { ...event, data: view && event.data ? view(event.data, released) : null };
}

/** Encounters are read and written out this many at a time, so an export of any size runs in bounded memory. */
export const EXPORT_PAGE_SIZE = 100;
