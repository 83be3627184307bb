import { Injectable } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import { type Answer, CITATION_PATTERN, type GeneratorLabel, type QaStreamEvent, type Report, reportSchema } from '@patientinsight/shared';
import { EncounterNotFoundError } from '../../encounters/encounters.errors.js';
import {
  type EncounterActor,
  type EncounterRecord,
  EncountersService,
  medicineClassesNamedIn,
} from '../../encounters/encounters.service.js';
import { LanguageModelError } from '../../llm/language-model.js';
import { offlineLabel, TextGenerator } from '../../llm/text-generator.js';
import { MaskingSession } from '../../privacy/pii-masker.js';
import { validateText } from '../citation-validator.js';
import { composeOfflineAnswer, type OfflineAnswerSource } from '../offline-composer.js';
import { buildQuestionMessages } from '../report-prompt.js';
import { ReportsService } from '../reports.service.js';
import { triage } from '../../triage/red-flag-detector.js';
import { buildPatientQuestionMessages, forPatient, NOT_IN_PATIENT_VIEW, offlineSources, patientMaterial } from './patient-answer.js';

/** What the patient is told about the alert: only what is true at this moment. */
export function alertSentence(status: 'pending' | 'sent' | 'failed' | 'not_configured' | null): string {
  if (status === 'sent') return 'A clinician has been alerted, but do not wait for them.';
  if (status === 'pending') return 'We are alerting a clinician now; do not wait for them.';
  return 'Your message is at the top of your doctors’ urgent list, but do not wait for them.';
}

export const MEDICATION_TO_DOCTOR =
  'This is a question about medicines, which this report cannot answer safely: whether a medicine suits you depends on your conditions, allergies and other medicines. Please ask your doctor (or a pharmacist) before taking, stopping or combining any medicine.';

const MEDICATION_WORDS =
  /\b(?:medicines?|medications?|meds|drugs?|pills?|tablets?|capsules?|doses?|dosage|mg|prescri\w+|side[- ]effects?|interact\w*|painkillers?|anti-?inflammator\w*|antibiotics?|inhalers?|(?:can|should|could|may) i (?:take|use|have|stop|keep taking)|(?:ok|okay|safe|alright|fine) to (?:take|use|have|stop))\b/i;

/** A question about taking, stopping or combining a medicine (a named drug or class, or the words of one). */
export function isMedicationQuestion(question: string): boolean {
  return MEDICATION_WORDS.test(question) || medicineClassesNamedIn(question).length > 0;
}

export const reportText = (report: Report): string => report.sections.map((s) => `## ${s.title}\n${s.text}`).join('\n\n');

/**
 * Questions about an encounter, streamed. A doctor's: answered from the report, the doctor's notes and the cited
 * cases, with citations. A patient's (once released, with or without a report): triaged first (a red flag gets the
 * emergency guidance and never reaches a model), a medicine question goes to the doctor, and the rest is answered
 * from the patient view only (what the doctor wrote for them, the cases they shared), never the clinician report,
 * and names shared cases by title, never by id.
 */
@Injectable()
export class QaService {
  constructor(
    private readonly encounters: EncountersService,
    private readonly reports: ReportsService,
    private readonly generator: TextGenerator,
  ) {}

  async ask(
    actor: EncounterActor,
    id: string,
    question: string,
    emit: (event: QaStreamEvent) => void,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const record = await this.encounters.requireReadable(actor, id, 'report.question');
    const askedBy = actor.role === 'doctor' ? 'doctor' : 'patient';
    if (!this.encounters.canSeeReport(actor, record) || (askedBy === 'doctor' && !record.report))
      throw new EncounterNotFoundError(id.slice(0, 64));
    const finish = (text: string, citations: string[], sources: Answer['sources'], generatedBy: GeneratorLabel): Answer => {
      const answer: Answer = {
        encounterId: record.id,
        question,
        answer: text,
        citations,
        sources,
        generatedBy,
        askedBy,
        createdAt: new Date().toISOString(),
      };
      emit({ type: 'done', answer });
      return answer;
    };

    if (askedBy === 'patient') {
      const urgent = triage(question);
      if (urgent.urgent) {
        // The same path as the intake: queued for a doctor at once and on-call alerted.
        const quote = question.length > 600 ? `${question.slice(0, 599)}…` : question;
        const flagged = await this.encounters.raiseRedFlag(
          actor,
          record.id,
          { ...urgent, flags: urgent.flags.map((f) => ({ ...f, quote })) },
          'qa',
        );
        const text = `${urgent.guidance ?? ''} ${alertSentence(flagged.redFlag?.alertStatus ?? null)}`.trim();
        emit({ type: 'delta', text });
        return finish(text, [], [], offlineLabel());
      }
    }

    if (askedBy === 'patient' && isMedicationQuestion(question)) {
      // Whether to take, stop or combine a medicine depends on the whole history: the doctor answers, not the report.
      emit({ type: 'delta', text: MEDICATION_TO_DOCTOR });
      return finish(MEDICATION_TO_DOCTOR, [], [], offlineLabel());
    }
    if (askedBy === 'patient') return this.answerPatient(record, question, emit, finish, signal);

    const parsed = reportSchema.safeParse(record.report);
    if (!parsed.success)
      throw new AppError('REPORT_UNREADABLE', 'The stored report does not match the current format; regenerate it.', 409);
    const report = parsed.data;

    const cases = report.cases.filter((c) => c.cited);
    const evidence = cases.map((c) => ({ caseId: c.caseId, title: c.title, snippet: c.snippet }));
    if (this.generator.hasModel) {
      const session = new MaskingSession(await this.reports.knownNames(record));
      const messages = buildQuestionMessages(
        { question, reportText: reportText(report), doctorNotes: record.doctorNotes, cases, askedBy },
        (t) => session.mask(t),
      );
      const generated = await this.generator.generate(
        'answer',
        { messages, maxTokens: 400, temperature: this.generator.settings.temperature },
        (result) => {
          const checked = validateText(session.restore(result.text), evidence);
          if (!checked.text) throw new LanguageModelError('empty', 'the answer had nothing left after validation', false);
          emit({ type: 'delta', text: checked.text });
          return checked;
        },
        { signal },
      );
      if (generated.ok) {
        const checked = generated.value;
        const sources: Answer['sources'] = [
          'report',
          ...(record.doctorNotes ? (['doctor_notes'] as const) : []),
          ...(checked.cited.length ? (['cases'] as const) : []),
        ];
        return finish(checked.text, checked.cited, sources, generated.label);
      }
      emit({ type: 'fallback', reason: generated.reason, generatedBy: generated.label });
      return this.offline(question, report, record.doctorNotes, evidence, emit, finish, generated.reason);
    }
    return this.offline(question, report, record.doctorNotes, evidence, emit, finish, null);
  }

  /** A patient's answer from the patient view; shared cases are named by title and `citations` stays empty. */
  private async answerPatient(
    record: EncounterRecord,
    question: string,
    emit: (event: QaStreamEvent) => void,
    finish: (text: string, citations: string[], sources: Answer['sources'], generatedBy: GeneratorLabel) => Answer,
    signal?: AbortSignal,
  ): Promise<Answer> {
    const material = patientMaterial(await this.encounters.patientViewOf(record));
    const sources = offlineSources(material);
    let fallbackReason: string | null = null;
    if (sources.length > 0 && this.generator.hasModel) {
      const session = new MaskingSession(await this.reports.knownNames(record));
      const evidence = material.cases.map((c) => ({ caseId: c.tag, title: c.title, snippet: c.snippet }));
      const messages = buildPatientQuestionMessages(question, material, (t) => session.mask(t));
      const generated = await this.generator.generate(
        'answer',
        { messages, maxTokens: 400, temperature: this.generator.settings.temperature },
        (result) => {
          const checked = validateText(session.restore(result.text), evidence);
          if (!checked.text) throw new LanguageModelError('empty', 'the answer had nothing left after validation', false);
          return checked;
        },
        { signal },
      );
      if (generated.ok) {
        const text = forPatient(generated.value.text, material.cases);
        emit({ type: 'delta', text });
        return finish(
          text,
          [],
          [...(material.doctorWrote ? (['doctor_notes'] as const) : []), ...(generated.value.cited.length ? (['cases'] as const) : [])],
          generated.label,
        );
      }
      emit({ type: 'fallback', reason: generated.reason, generatedBy: generated.label });
      fallbackReason = generated.reason;
    }
    const composed = composeOfflineAnswer(question, sources);
    const text = composed.sources.length ? forPatient(composed.text, material.cases) : NOT_IN_PATIENT_VIEW;
    for (const line of text.split(/(?<=\n)/)) emit({ type: 'delta', text: line });
    return finish(text, [], composed.sources, offlineLabel(fallbackReason));
  }

  private offline(
    question: string,
    report: Report,
    notes: string | null,
    evidence: { caseId: string; title: string; snippet: string }[],
    emit: (event: QaStreamEvent) => void,
    finish: (text: string, citations: string[], sources: Answer['sources'], generatedBy: GeneratorLabel) => Answer,
    fallbackReason: string | null,
  ): Answer {
    // Only doctors reach this (a patient's question is answered from the patient view).
    const sections = report.sections;
    const sources: OfflineAnswerSource[] = [
      { kind: 'report', text: sections.map((s) => s.text).join('\n') },
      ...(notes ? [{ kind: 'doctor_notes' as const, text: notes }] : []),
      ...evidence.map((c) => ({ kind: 'cases' as const, text: c.snippet, caseId: c.caseId })),
    ];
    const composed = composeOfflineAnswer(question, sources);
    const checked = validateText(composed.text, evidence);
    const text = checked.text || composed.text;
    for (const line of text.split(/(?<=\n)/)) emit({ type: 'delta', text: line });
    const citations = [...new Set([...text.matchAll(CITATION_PATTERN)].map((m) => m[1]!))];
    return finish(text, citations, composed.sources, offlineLabel(fallbackReason));
  }
}
