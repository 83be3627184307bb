import type { AllergyConflict, PrescriptionItem } from '@patientinsight/shared';
import { DRUG_CLASSES, type DrugClass } from './drug-classes.js';

/** Lower case, every run of non-alphanumerics as one space, padded so `includes(' term ')` is a whole-word match. */
const normalise = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

const INDEX = DRUG_CLASSES.map((c) => ({
  drugClass: c,
  members: c.members.map(normalise),
  names: [...c.members, ...c.allergyTerms].map(normalise),
}));

const byId = new Map(DRUG_CLASSES.map((c) => [c.id, c]));

/** The classes a medicine name belongs to (generic or brand, whole words: "amlodipine" is not "amoxicillin"). */
export function classesOfMedication(medication: string): DrugClass[] {
  const text = normalise(medication);
  return INDEX.filter((e) => e.members.some((m) => text.includes(m))).map((e) => e.drugClass);
}

/** The classes an allergy entry names, by a class word ("penicillin", "sulfa", "NSAIDs") or by one of its medicines. */
export function classesNamedByAllergy(allergy: string): DrugClass[] {
  const text = normalise(allergy);
  return INDEX.filter((e) => e.names.some((m) => text.includes(m))).map((e) => e.drugClass);
}

/**
 * Every prescription item whose medicine belongs to a class a recorded allergy names, directly or through a
 * cross-reactive class; one conflict per item and allergy, a direct match preferred.
 */
export function findAllergyConflicts(items: readonly PrescriptionItem[], allergies: readonly string[]): AllergyConflict[] {
  const named = allergies
    .map((allergy) => ({ allergy, ids: new Set(classesNamedByAllergy(allergy).map((c) => c.id)) }))
    .filter((a) => a.ids.size > 0);
  const conflicts: AllergyConflict[] = [];
  items.forEach((item, index) => {
    const classes = classesOfMedication(item.medication);
    for (const { allergy, ids } of named) {
      const direct = classes.find((c) => ids.has(c.id));
      const cross = direct ? undefined : classes.find((c) => c.crossReactsWith?.some((id) => ids.has(id)));
      const hit = direct ?? cross;
      if (!hit) continue;
      const via = cross ? (cross.crossReactsWith ?? []).filter((id) => ids.has(id)).map((id) => byId.get(id)?.label ?? id) : [];
      conflicts.push({
        item: index,
        medication: item.medication,
        allergy,
        drugClass: cross ? `${hit.label}, cross-reactive with ${via.join(', ')}` : hit.label,
        crossReactive: Boolean(cross),
      });
    }
  });
  return conflicts;
}
