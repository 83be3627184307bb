import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import {
  type ConversationTurn,
  conversationTurnSchema,
  type GeneratorLabel,
  type IntakeMessageRequest,
  type IntakeProfile,
  type IntakeQuestion,
  type IntakeState,
  type PatientProfile,
  type RedFlag,
  type TriageResult,
  triageResultSchema,
} from '@patientinsight/shared';
import { type EncounterActor, type EncounterRecord, EncountersService } from '../encounters/encounters.service.js';
import { LLM_CONFIG, LLM_RUNNER } from '../llm/llm.module.js';
import type { LlmConfig } from '../llm/llm.config.js';
import type { ResilientRunner } from '../llm/resilient-runner.js';
import { MaskingSession } from '../privacy/pii-masker.js';
import { offlineLabel } from '../reports/report-builder.js';
import { ReportsService } from '../reports/reports.service.js';
import { triage } from '../triage/red-flag-detector.js';
import { COMPLETION_TEXT, type IntakeProgress, replay, structuredQuestion } from './intake-flow.js';

const NO_TRIAGE: TriageResult = { urgent: false, flags: [], guidance: null };

/** The profile as the intake shows it (pre-filled, never asked). */
export function toIntakeProfile(profile: PatientProfile | null): IntakeProfile {
  let age = profile?.age ?? null;
  if (age === null && profile?.dateOfBirth) {
    const born = new Date(profile.dateOfBirth);
    const now = new Date();
    age = now.getUTCFullYear() - born.getUTCFullYear() - (now < new Date(Date.UTC(now.getUTCFullYear(), born.getUTCMonth(), born.getUTCDate())) ? 1 : 0);
  }
  return {
    age,
    sex: profile?.sex === 'F' || profile?.sex === 'M' ? profile.sex : null,
    conditions: profile?.conditions ?? [],
    medications: profile?.medications ?? [],
    allergies: profile?.allergies ?? [],
  };
}

const turnsOf = (record: EncounterRecord): ConversationTurn[] => record.conversation.flatMap((t) => {
  const parsed = conversationTurnSchema.safeParse(t);
  return parsed.success ? [parsed.data] : [];
});

/**
 * The intake conversation: one question at a time until the summary is filled or the patient stops.
 * Every patient message is triaged first (with what they said before); a red flag stops the intake,
 * shows emergency guidance, marks the encounter urgent, and nothing is sent to a model. With a model
 * configured, it rephrases the next question; the structured question is the fallback.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    private readonly encounters: EncountersService,
    private readonly reports: ReportsService,
    @Inject(LLM_RUNNER) private readonly runner: ResilientRunner | null,
    @Inject(LLM_CONFIG) private readonly config: LlmConfig,
  ) {}

  async state(actor: EncounterActor, id: string): Promise<IntakeState> {
    const record = await this.encounters.requireReadable(actor, id, 'encounter.intake_read');
    const profile = toIntakeProfile(await this.encounters.profileFor(record));
    const triageResult = triageResultSchema.safeParse(record.triage);
    return this.toState(record, turnsOf(record), profile, triageResult.success ? triageResult.data : NO_TRIAGE, null);
  }

  async message(actor: EncounterActor, id: string, body: IntakeMessageRequest): Promise<IntakeState> {
    const record = await this.encounters.requireIntakeOpen(actor, id);
    const conversation = turnsOf(record);
    const profile = toIntakeProfile(await this.encounters.profileFor(record));
    const storedTriage = triageResultSchema.safeParse(record.triage);
    const knownFlags: RedFlag[] = storedTriage.success ? storedTriage.data.flags : [];
    const progress = replay(conversation, profile, knownFlags);
    if (progress.finished && !record.urgent) throw new AppError('INTAKE_COMPLETE', 'The intake is complete: submit it, or start a new encounter.', 409);

    // 1. Triage before anything else, with the patient's earlier answers as context.
    const previous = conversation.filter((t) => t.role === 'patient').map((t) => t.text);
    const result = triage(body.text, previous);
    const now = new Date().toISOString();
    const patientTurn: ConversationTurn = { role: 'patient', text: body.text, field: record.urgent ? null : progress.nextField, at: now };

    if (result.urgent || record.urgent) {
      const flags = mergeFlags(knownFlags, result.flags);
      const urgentTriage: TriageResult = { urgent: true, flags, guidance: result.guidance ?? (storedTriage.success ? storedTriage.data.guidance : null) };
      const guidanceTurn: ConversationTurn = { role: 'assistant', text: urgentTriage.guidance ?? '', field: null, at: now };
      await this.encounters.setTriage(actor, id, urgentTriage, true);
      const updated = await this.encounters.appendConversation(actor, id, [patientTurn, guidanceTurn]);
      const urgentProgress = replay(turnsOf(updated), profile, flags);
      await this.encounters.setSummary(actor, id, urgentProgress.summary);
      return this.toState(updated, turnsOf(updated), profile, urgentTriage, null);
    }

    // 2. The answer fills its field; then the next question (or the end).
    const nextProgress = replay([...conversation, patientTurn], profile, knownFlags);
    const finished = body.finish === true || nextProgress.finished;
    let generatedBy: GeneratorLabel = offlineLabel();
    let assistantText = COMPLETION_TEXT;
    let question: IntakeQuestion | null = null;
    if (!finished) {
      question = structuredQuestion(nextProgress);
      if (question && this.runner) {
        const phrased = await this.phrase(body.text, question, record);
        if (phrased.text) question = { ...question, text: phrased.text };
        generatedBy = phrased.label;
      }
      assistantText = question?.text ?? COMPLETION_TEXT;
    }
    const assistantTurn: ConversationTurn = { role: 'assistant', text: assistantText, field: finished ? null : (question?.field ?? null), at: now };
    if (!storedTriage.success) await this.encounters.setTriage(actor, id, result, false);
    const updated = await this.encounters.appendConversation(actor, id, [patientTurn, assistantTurn]);
    const finalProgress = replay(turnsOf(updated), profile, knownFlags);
    await this.encounters.setSummary(actor, id, finalProgress.summary);
    if (finalProgress.finished && finalProgress.summary.chiefComplaint) this.reports.generateInBackground(actor, id);
    return this.toState(updated, turnsOf(updated), profile, result, generatedBy);
  }

  /** Asks the model to phrase the next question warmly; the structured text on any failure. */
  private async phrase(lastAnswer: string, question: IntakeQuestion, record: EncounterRecord): Promise<{ text: string | null; label: GeneratorLabel }> {
    const runner = this.runner!;
    const session = new MaskingSession(await this.reports.knownNames(record));
    try {
      const result = await runner.run(
        'intake',
        {
          messages: [
            {
              role: 'system',
              content: 'You are a friendly clinical intake nurse. Acknowledge the patient’s last answer in a few words, then ask exactly the next question given, in plain language, in at most two short sentences. Do not give advice, reassurance about the cause, or any diagnosis.',
            },
            { role: 'user', content: `Patient's last answer: ${session.mask(lastAnswer)}\nNext question to ask: ${question.text}` },
          ],
          maxTokens: 80,
          temperature: Math.min(this.config.LLM_TEMPERATURE, 0.5),
        },
        () => {},
      );
      const text = session.restore(result.text).replace(/\s+/g, ' ').trim();
      // Only a short single question is acceptable; anything else keeps the structured one.
      if (text.length > 0 && text.length <= 400 && text.includes('?') && !/\[case:/.test(text)) {
        return { text, label: { kind: 'model', label: `phrased by ${runner.model.model}`, model: runner.model.model, fallbackReason: null } };
      }
      return { text: null, label: offlineLabel('the language model’s question was not usable') };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'intake question falls back to the structured flow');
      return { text: null, label: offlineLabel('the language model was not available') };
    }
  }

  private toState(record: EncounterRecord, conversation: ConversationTurn[], profile: IntakeProfile, triageResult: TriageResult, generatedBy: GeneratorLabel | null): IntakeState {
    const flags = triageResult.flags;
    const progress: IntakeProgress = replay(conversation, profile, record.urgent ? flags : []);
    const urgent = record.urgent || triageResult.urgent;
    return {
      encounterId: record.id,
      status: urgent ? 'urgent' : progress.finished ? 'complete' : 'in_progress',
      summary: progress.summary,
      conversation,
      question: urgent ? null : lastQuestion(conversation, progress),
      triage: urgent ? { urgent: true, flags, guidance: triageResult.guidance } : triageResult,
      generatedBy: generatedBy ?? offlineLabel(),
    };
  }
}

/** The question as it was last put to the patient (possibly phrased by the model). */
function lastQuestion(conversation: ConversationTurn[], progress: IntakeProgress): IntakeQuestion | null {
  const structured = structuredQuestion(progress);
  if (!structured) return null;
  const last = conversation.at(-1);
  return last?.role === 'assistant' && last.field === structured.field ? { field: structured.field, text: last.text } : structured;
}

function mergeFlags(a: RedFlag[], b: RedFlag[]): RedFlag[] {
  const out = [...a];
  for (const flag of b) if (!out.some((f) => f.category === flag.category)) out.push(flag);
  return out;
}
