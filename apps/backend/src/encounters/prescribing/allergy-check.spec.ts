import { describe, expect, it } from '@jest/globals';
import type { PrescriptionItem } from '@patientinsight/shared';
import { classesNamedByAllergy, classesOfMedication, findAllergyConflicts } from './allergy-check.js';

const item = (medication: string): PrescriptionItem => ({
  medication,
  dose: '1 tablet',
  route: 'oral',
  frequency: 'daily',
  duration: '7 days',
});
const ids = (classes: { id: string }[]) => classes.map((c) => c.id);

describe('drug-class matching', () => {
  it('puts generic and brand names in their class, whatever the case and punctuation', () => {
    expect(ids(classesOfMedication('Amoxicillin 500 mg capsules'))).toEqual(['penicillins']);
    expect(ids(classesOfMedication('AUGMENTIN'))).toEqual(['penicillins']);
    expect(ids(classesOfMedication('Co-Amoxiclav 625mg'))).toEqual(['penicillins']);
    expect(ids(classesOfMedication('Bactrim DS'))).toEqual(['sulfonamides']);
    expect(ids(classesOfMedication('Nurofen'))).toEqual(['nsaids']);
    expect(ids(classesOfMedication('Voltaren gel'))).toEqual(['nsaids']);
    expect(ids(classesOfMedication('co-codamol 30/500'))).toEqual(['opioids']);
    expect(ids(classesOfMedication('Eliquis'))).toEqual(['anticoagulants']);
  });

  it('matches whole words only: amlodipine is not amoxicillin, and unknown medicines have no class', () => {
    expect(classesOfMedication('Amlodipine 5 mg')).toEqual([]);
    expect(classesOfMedication('Paracetamol')).toEqual([]);
    expect(findAllergyConflicts([item('Amlodipine')], ['Amoxicillin (rash)'])).toEqual([]);
  });

  it('reads allergy entries that name a class or one of its medicines', () => {
    expect(ids(classesNamedByAllergy('penicillin (rash)'))).toEqual(['penicillins']);
    expect(ids(classesNamedByAllergy('Sulfa drugs'))).toEqual(['sulfonamides']);
    expect(ids(classesNamedByAllergy('NSAIDs – wheeze'))).toEqual(['nsaids']);
    expect(ids(classesNamedByAllergy('augmentin'))).toEqual(['penicillins']);
    expect(classesNamedByAllergy('peanuts')).toEqual([]);
  });

  it('names the item, medicine, allergy and class of each conflict', () => {
    const conflicts = findAllergyConflicts([item('Paracetamol'), item('Amoxicillin 500 mg')], ['peanuts', 'penicillin (rash)']);
    expect(conflicts).toEqual([
      {
        item: 1,
        medication: 'Amoxicillin 500 mg',
        allergy: 'penicillin (rash)',
        drugClass: 'penicillins (beta-lactams)',
        crossReactive: false,
      },
    ]);
    expect(findAllergyConflicts([item('Ibuprofen 400 mg')], ['aspirin'])).toMatchObject([
      { item: 0, drugClass: 'NSAIDs (incl. aspirin)', crossReactive: false },
    ]);
    expect(findAllergyConflicts([item('Septrin')], ['sulfa'])).toHaveLength(1);
  });

  it('warns on cephalosporins and carbapenems after a penicillin allergy, marked cross-reactive, but not the other way round', () => {
    expect(findAllergyConflicts([item('Cefalexin 500 mg')], ['Penicillin'])).toEqual([
      {
        item: 0,
        medication: 'Cefalexin 500 mg',
        allergy: 'Penicillin',
        drugClass: 'cephalosporins (beta-lactams), cross-reactive with penicillins (beta-lactams)',
        crossReactive: true,
      },
    ]);
    expect(findAllergyConflicts([item('Meropenem')], ['penicillins'])).toMatchObject([{ crossReactive: true }]);
    expect(findAllergyConflicts([item('Amoxicillin')], ['cefalexin'])).toEqual([]);
    expect(findAllergyConflicts([item('Ceftriaxone')], ['cephalosporins'])).toMatchObject([{ crossReactive: false }]);
  });
});
