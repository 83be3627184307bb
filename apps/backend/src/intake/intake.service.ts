import { Injectable } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import {
  type ConversationTurn,
  conversationTurnSchema,
  type GeneratorLabel,
  type IntakeMessageRequest,
  type IntakeProfile,
  type IntakeQuestion,
  type IntakeState,
  MAX_INTAKE_PATIENT_MESSAGES,
  MAX_INTAKE_TOTAL_CHARS,
  type PatientProfile,
  type RedFlag,
  type TriageResult,
  triageResultSchema,
} from '@patientinsight/shared';
import { type EncounterActor, type EncounterRecord, EncountersService } from '../encounters/encounters.service.js';
import { offlineLabel, TextGenerator } from '../llm/text-generator.js';
import { MaskingSession } from '../privacy/pii-masker.js';
import { ReportsService } from '../reports/reports.service.js';
import { confirmedFlags, guidanceFor, screeningFlag, triageMessage } from '../triage/red-flag-detector.js';
import { SCREENING_QUESTIONS } from '../triage/taxonomy/screening.js';
import {
  COMPLETION_TEXT,
  CONFIRM_FLAG_QUESTION,
  CONTINUE_AFTER_MISUNDERSTANDING,
  nextIntakeQuestion,
  isSkipWords,
  parseConfirmation,
  parseSeverity,
  parseYesNo,
  pendingQuestion,
  replay,
  SAFETY_BEFORE_FINISH,
  screeningAnswers,
  toTriageProfile,
  YES_NO_OPTIONS,
} from './intake-flow.js';

const NO_TRIAGE: TriageResult = { urgent: false, flags: [], guidance: null };

/** The profile as the intake shows it (pre-filled, never asked). */
export function toIntakeProfile(profile: PatientProfile | null): IntakeProfile {
  let age = profile?.age ?? null;
  if (age === null && profile?.dateOfBirth) {
    const born = new Date(profile.dateOfBirth);
    const now = new Date();
    age =
      now.getUTCFullYear() -
      born.getUTCFullYear() -
      (now < new Date(Date.UTC(now.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate())) ? 1 : 0);
  }
  return {
    age,
    sex: profile?.sex === 'F' || profile?.sex === 'M' ? profile.sex : null,
    conditions: profile?.conditions ?? [],
    medications: profile?.medications ?? [],
    allergies: profile?.allergies ?? [],
  };
}

const turnsOf = (record: EncounterRecord): ConversationTurn[] =>
  record.conversation.flatMap((t) => {
    const parsed = conversationTurnSchema.safeParse(t);
    return parsed.success ? [parsed.data] : [];
  });

const storedTriage = (record: EncounterRecord): TriageResult | null => triageResultSchema.safeParse(record.triage).data ?? null;

const asTurn = (question: IntakeQuestion, at: string): ConversationTurn => ({
  role: 'assistant',
  text: question.text,
  field: question.field,
  at,
  kind: question.kind,
  questionId: question.id,
  options: question.options,
});

function mergeFlags(a: readonly RedFlag[], b: readonly RedFlag[]): RedFlag[] {
  const out = [...a];
  for (const flag of b) if (!out.some((f) => f.category === flag.category)) out.push(flag);
  return out;
}

/**
 * The intake conversation. Every patient message is triaged first (with a bounded window of what they said
 * before). A red flag goes to a clinician at once (EncountersService.raiseRedFlag), the patient gets the
 * emergency guidance and is asked whether it is happening now; nothing is sent to a model. After the chief
 * complaint, the complaint group's screening questions are asked as yes/no items, then the open questions.
 * A possible emergency the detector is unsure of is asked about ("is this happening now?") before going on.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly encounters: EncountersService,
    private readonly reports: ReportsService,
    private readonly generator: TextGenerator,
  ) {}

  async state(actor: EncounterActor, id: string): Promise<IntakeState> {
    const record = await this.encounters.requireReadable(actor, id, 'encounter.intake_read');
    const profile = toIntakeProfile(await this.encounters.profileFor(record));
    return this.toState(record, profile, null);
  }

  async message(actor: EncounterActor, id: string, body: IntakeMessageRequest): Promise<IntakeState> {
    const record = await this.encounters.requireIntakeOpen(actor, id);
    const conversation = turnsOf(record);
    const profile = toIntakeProfile(await this.encounters.profileFor(record));
    const stored = storedTriage(record);
    // The first message answers the opening question, which is shown without being stored.
    const pending = pendingQuestion(conversation) ?? (conversation.length === 0 ? nextIntakeQuestion(conversation, profile, stored) : null);
    const now = new Date().toISOString();

    // 1. Triage before anything else, over a bounded window of the patient's earlier words.
    const previous = conversation.filter((t) => t.role === 'patient').map((t) => t.text);
    const { result, fromMessage } = triageMessage(body.text, previous, toTriageProfile(profile));
    const known = new Set((stored?.flags ?? []).map((f) => f.category));
    const newFlags: RedFlag[] = result.flags.filter((f) => fromMessage.has(f.category) || !known.has(f.category));
    let source: 'intake' | 'screening' = 'intake';
    // A skip, a finish or a correction is not the answer to the question asked ("I have nothing more to add" is no "yes").
    const answersPending = body.finish !== true && body.skip !== true && body.field === undefined;
    if (
      (!answersPending && body.field === undefined && (pending?.kind === 'clarify' || pending?.kind === 'confirm_flag')) ||
      (body.skip === true && pending?.kind === 'screening')
    ) {
      throw new AppError('INTAKE_NOT_SKIPPABLE', 'This safety question cannot be skipped: answer it first (yes, no or not sure).', 409, {
        field: body.skip === true ? 'skip' : 'finish',
      });
    }
    if (answersPending && pending?.kind === 'screening' && pending.id && parseYesNo(body.text) === 'yes') {
      const question = SCREENING_QUESTIONS.get(pending.id);
      if (question) {
        newFlags.push(screeningFlag(question, body.text));
        source = 'screening';
      }
    }
    if (answersPending && pending?.kind === 'clarify' && pending.id && parseYesNo(body.text) !== 'no') {
      // "Yes" or "not sure" to "is this happening now?": a possible emergency is treated as one.
      const asked = previous.at(-1) ?? '';
      newFlags.push(...confirmedFlags(pending.id.replace(/^clarify:/, '').split(','), asked));
    }

    // Past the encounter's limits only a red flag is still taken, so an emergency is never refused.
    const patientMessages = previous.length + 1;
    const totalChars = previous.reduce((n, t) => n + t.length, 0) + body.text.length;
    if (newFlags.length === 0 && (patientMessages > MAX_INTAKE_PATIENT_MESSAGES || totalChars > MAX_INTAKE_TOTAL_CHARS)) {
      throw new AppError(
        'INTAKE_LIMIT',
        `This consultation has reached its length limit (${MAX_INTAKE_PATIENT_MESSAGES} messages or ${MAX_INTAKE_TOTAL_CHARS} characters): submit it for the doctor, or start a new one. If you feel worse, call your local emergency number.`,
        409,
        { field: 'text' },
      );
    }
    const finishing = stored?.urgent !== true && replay(conversation, profile).finished;
    if (finishing && newFlags.length === 0 && pending === null && !result.clarification && body.field === undefined) {
      throw new AppError('INTAKE_COMPLETE', 'The intake is complete: review your summary and submit it, or start a new encounter.', 409);
    }
    if (body.skip === true && (pending?.kind !== 'open' || pending.field === null || pending.field === 'chiefComplaint')) {
      // Safety questions are never skipped (docs/triage.md); the main concern is what the doctor needs first.
      throw new AppError(
        'INTAKE_NOT_SKIPPABLE',
        pending?.kind === 'open' ? 'Tell us the main problem first; it cannot be skipped.' : 'There is no question to skip.',
        409,
        { field: 'skip' },
      );
    }
    if (body.finish === true && !replay(conversation, profile).summary.chiefComplaint) {
      throw new AppError('INTAKE_NOT_SKIPPABLE', 'Tell us the main problem first; then you can finish.', 409, { field: 'finish' });
    }
    if (body.field === 'chiefComplaint' && body.text.trim().length < 2)
      throw new AppError('VALIDATION_FAILED', 'text: the main concern must be described', 400, [
        { field: 'text', reason: 'the main concern must be described' },
      ]);
    if (body.field === 'severity' && parseSeverity(body.text) === null && !isSkipWords(body.text)) {
      throw new AppError('VALIDATION_FAILED', 'text: give a number from 1 to 10 or a word such as mild or severe', 400, [
        { field: 'text', reason: 'give a number from 1 to 10 or a word such as mild or severe' },
      ]);
    }
    const patientTurn: ConversationTurn =
      body.field !== undefined
        ? { role: 'patient', text: body.text, field: body.field, at: now, kind: 'review' }
        : body.finish === true
          ? { role: 'patient', text: body.text, field: null, at: now, kind: 'finish' }
          : body.skip === true
            ? { role: 'patient', text: body.text, field: pending?.field ?? null, at: now, kind: 'skip' }
            : {
                role: 'patient',
                text: body.text,
                field: pending?.kind === 'open' ? pending.field : null,
                at: now,
                ...(pending?.kind && pending.kind !== 'open' ? { kind: pending.kind, questionId: pending.id } : {}),
              };

    // 2. A red flag: to a clinician now; the patient gets the guidance and is asked whether it is happening now.
    if (newFlags.length > 0) {
      const flags = mergeFlags(stored?.flags ?? [], newFlags);
      const urgent: TriageResult = { urgent: true, flags, guidance: guidanceFor(flags), patientResponse: null };
      await this.encounters.raiseRedFlag(actor, id, urgent, source);
      const updated = await this.encounters.appendConversation(actor, id, [
        patientTurn,
        { role: 'assistant', text: urgent.guidance ?? '', field: null, at: now, kind: 'guidance' },
        asTurn(CONFIRM_FLAG_QUESTION, now),
      ]);
      return this.saveSummaryAndState(actor, id, updated, profile, null);
    }

    // 3. The answer to "is this happening now?" after a flag.
    if (answersPending && stored?.urgent && pending?.kind === 'confirm_flag') {
      const response = parseConfirmation(body.text);
      if (response) {
        await this.encounters.setTriage(actor, id, { ...stored, patientResponse: response }, true);
        const reply: ConversationTurn =
          response === 'happening_now'
            ? { role: 'assistant', text: stored.guidance ?? guidanceFor(stored.flags) ?? '', field: null, at: now, kind: 'guidance' }
            : { role: 'assistant', text: CONTINUE_AFTER_MISUNDERSTANDING, field: null, at: now, kind: 'guidance' };
        const next =
          response === 'misunderstanding'
            ? nextIntakeQuestion([...conversation, patientTurn], profile, { ...stored, patientResponse: response })
            : CONFIRM_FLAG_QUESTION;
        const turns = [patientTurn, reply, ...(next ? [asTurn(next, now)] : [])];
        const updated = await this.encounters.appendConversation(actor, id, turns);
        return this.saveSummaryAndState(actor, id, updated, profile, null);
      }
    }

    // 4. Not sure it is an emergency: ask before going on (never silently dropped).
    if (result.clarification && !(stored?.urgent && stored.patientResponse !== 'misunderstanding')) {
      const question: IntakeQuestion = {
        field: null,
        kind: 'clarify',
        id: `clarify:${result.clarification.categories.join(',')}`,
        text: result.clarification.question,
        options: YES_NO_OPTIONS,
      };
      const updated = await this.encounters.appendConversation(actor, id, [patientTurn, asTurn(question, now)]);
      return this.saveSummaryAndState(actor, id, updated, profile, null);
    }

    // 5. The answer fills its field (and every other field it covers) or screening item; then the next question (or the end).
    const afterAnswer = [...conversation, patientTurn];
    if (body.field !== undefined && finishing) {
      // A correction in the review step: nothing more is asked; the report is drafted again from the corrected summary.
      const updated = await this.encounters.appendConversation(actor, id, [patientTurn]);
      const state = await this.saveSummaryAndState(actor, id, updated, profile, null);
      if (state.status === 'complete' && state.summary.chiefComplaint) this.reports.generateInBackground(actor, id);
      return state;
    }
    let question = nextIntakeQuestion(afterAnswer, profile, stored);
    let generatedBy: GeneratorLabel = offlineLabel();
    if (question?.kind === 'open' && this.generator.hasModel && body.field === undefined) {
      const phrased = await this.phrase(body.text, question, record);
      if (phrased.text) question = { ...question, text: phrased.text };
      generatedBy = phrased.label;
    }
    const turns: ConversationTurn[] = [patientTurn];
    if (body.finish === true && question)
      turns.push({ role: 'assistant', text: SAFETY_BEFORE_FINISH, field: null, at: now, kind: 'guidance' });
    turns.push(question ? asTurn(question, now) : { role: 'assistant', text: COMPLETION_TEXT, field: null, at: now });
    if (!stored) await this.encounters.setTriage(actor, id, NO_TRIAGE, false);
    const updated = await this.encounters.appendConversation(actor, id, turns);
    const state = await this.saveSummaryAndState(actor, id, updated, profile, generatedBy);
    if (state.status === 'complete' && state.summary.chiefComplaint) this.reports.generateInBackground(actor, id);
    return state;
  }

  private async saveSummaryAndState(
    actor: EncounterActor,
    id: string,
    record: EncounterRecord,
    profile: IntakeProfile,
    generatedBy: GeneratorLabel | null,
  ): Promise<IntakeState> {
    const state = this.toState(record, profile, generatedBy);
    await this.encounters.setSummary(actor, id, state.summary);
    return state;
  }

  /** Asks the model to phrase the next open question warmly; the structured text on any failure. */
  private async phrase(
    lastAnswer: string,
    question: IntakeQuestion,
    record: EncounterRecord,
  ): Promise<{ text: string | null; label: GeneratorLabel }> {
    const session = new MaskingSession(await this.reports.knownNames(record));
    const generated = await this.generator.generate(
      'intake',
      {
        messages: [
          {
            role: 'system',
            content:
              'You are a friendly clinical intake nurse. Acknowledge the patient’s last answer in a few words, then ask exactly the next question given, in plain language, in at most two short sentences. Do not give advice, reassurance about the cause, or any diagnosis.',
          },
          { role: 'user', content: `Patient's last answer: ${session.mask(lastAnswer)}\nNext question to ask: ${question.text}` },
        ],
        maxTokens: 80,
        temperature: Math.min(this.generator.settings.temperature, 0.5),
      },
      (result) => {
        const text = session.restore(result.text).replace(/\s+/g, ' ').trim();
        // Only a short single question is acceptable; anything else keeps the structured one.
        return text.length > 0 && text.length <= 400 && text.includes('?') && !/\[case:/.test(text) ? text : null;
      },
      // Phrasing is optional: the structured question is not an answer written instead of the model's.
      { verb: 'phrased by', reasonFor: () => 'the language model was not available', countFallback: false },
    );
    if (!generated.ok) return { text: null, label: generated.label };
    if (generated.value === null) return { text: null, label: offlineLabel('the language model’s question was not usable') };
    return { text: generated.value, label: generated.label };
  }

  private toState(record: EncounterRecord, profile: IntakeProfile, generatedBy: GeneratorLabel | null): IntakeState {
    const conversation = turnsOf(record);
    const stored = storedTriage(record) ?? NO_TRIAGE;
    const active = stored.urgent && stored.patientResponse !== 'misunderstanding';
    const progress = replay(conversation, profile, stored.flags);
    const summary = {
      ...progress.summary,
      redFlagStatus: stored.flags.length === 0 ? ('none' as const) : active ? ('active' as const) : ('dismissed' as const),
      screening: screeningAnswers(conversation),
    };
    const question = pendingQuestion(conversation);
    return {
      encounterId: record.id,
      status: active ? 'urgent' : question === null && progress.finished ? 'complete' : 'in_progress',
      summary,
      conversation,
      question: question ?? (conversation.length === 0 ? nextIntakeQuestion(conversation, profile, stored) : null),
      triage: stored,
      generatedBy: generatedBy ?? offlineLabel(),
    };
  }
}
