import { describe, expect, it } from '@jest/globals';
import type { PatientView } from '@patientinsight/shared';
import { composeOfflineAnswer } from '../offline-composer.js';
import { buildPatientQuestionMessages, forPatient, offlineSources, patientMaterial } from './patient-answer.js';

const view: PatientView = {
  encounterId: 'enc-1',
  status: 'released',
  releasedAt: '2026-12-06T10:00:00.000Z',
  doctorName: 'Dr Ada',
  message: 'Nothing here needs an emergency visit.',
  notes: 'The pain most likely comes from the lining around the heart after your cold.',
  prescription: [
    {
      medication: 'Ibuprofen',
      dose: '400 mg',
      route: 'oral',
      frequency: 'three times a day',
      duration: '7 days',
      instructions: 'with food',
    },
  ],
  nextSteps: ['Book a check-up in two weeks'],
  sharedCases: [
    {
      caseId: '6543210-1',
      title: 'Pericarditis presenting as pleuritic chest pain.',
      pmid: '29876543',
      pubmedUrl: null,
      age: 44,
      sex: 'F',
      snippet: 'Echocardiography revealed a small pericardial effusion.',
    },
  ],
  withReport: true,
};

describe('a patient’s answer from the patient view', () => {
  it('gives a model only what the doctor wrote and the shared cases under local tags, never a corpus case id', () => {
    const material = patientMaterial(view);
    const [system, user] = buildPatientQuestionMessages('What did the echocardiography show?', material, (t) => t);
    expect(user?.content).toContain('lining around the heart');
    expect(user?.content).toContain('Prescribed: Ibuprofen 400 mg, oral, three times a day, for 7 days (with food).');
    expect(user?.content).toContain('Book a check-up in two weeks');
    expect(user?.content).toContain('[case:shared-1] Pericarditis presenting as pleuritic chest pain');
    expect(`${system?.content}${user?.content}`).not.toContain('6543210-1');
  });

  it('names a cited case by its title and drops a tag it does not know', () => {
    const { cases } = patientMaterial(view);
    expect(forPatient('A small effusion was seen [case:shared-1]. Another [case:6543210-1] case.', cases)).toBe(
      'A small effusion was seen (from the case your doctor shared: “Pericarditis presenting as pleuritic chest pain”). Another case.',
    );
  });

  it('offline: answers from the shared case in the patient’s words', () => {
    const material = patientMaterial(view);
    const composed = composeOfflineAnswer('Did the echocardiography show an effusion?', offlineSources(material));
    expect(composed.sources).toEqual(['cases']);
    expect(forPatient(composed.text, material.cases)).toBe(
      'A case your doctor shared says: Echocardiography revealed a small pericardial effusion (from the case your doctor shared: “Pericarditis presenting as pleuritic chest pain”).',
    );
  });
});
