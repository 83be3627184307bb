import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppError } from '@patientinsight/nest-kit';
import {
  type CitedCase,
  EmbedderClient,
  EmbedderClientError,
  type GeneratorLabel,
  type IntakeSummary,
  pubmedUrl,
  REPORT_DISCLAIMER,
  REPORT_SECTION_TITLES,
  type Report,
  type ReportStreamEvent,
} from '@patientinsight/shared';
import { offlineLabel, TextGenerator } from '../llm/text-generator.js';
import { composeOfflineReport } from './offline-composer.js';
import { MaskingSession } from '../privacy/pii-masker.js';
import { triage } from '../triage/red-flag-detector.js';
import { validateReport } from './citation-validator.js';
import { MlflowTracker } from './mlflow-tracker.js';
import { ReportMetrics } from './report-metrics.js';
import { REPORTS_CONFIG, type ReportsConfig } from './reports.config.js';
import { buildReportMessages, REPORT_PROMPT_VERSION } from './report-prompt.js';
import { loadCalibration } from '../retrieval/relevance-calibration.js';
import { defaultVocabulary, findSimilarCases, NO_CLOSE_CASE, type SimilarCases } from '../retrieval/similar-cases.js';
import { StreamRestorer } from './stream-restorer.js';
import { cleanExtract, currentCaseText, describePatient, summaryToSentences } from './summary-text.js';

export interface BuildReportInput {
  encounterId: string;
  summary: IntakeSummary;
  /** Names the account holds (patient, emergency contact): masked before anything leaves. */
  knownNames?: string[];
  signal?: AbortSignal;
}

/** Splits composed text into stream pieces (one line at a time) so offline reports stream like a model's. */
async function* pieces(text: string): AsyncIterable<string> {
  for (const line of text.split(/(?<=\n)/)) {
    yield line;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Builds a report: clinical query from the summary → embedder search → relevance gate (only cases sharing
 * a clinical concept with the patient may be cited; none passing gives a "no close case" report) → prompt with numbered cases →
 * model stream (or the offline composer, or the offline composer after a model failure) → citation
 * validator → the stored report with everything needed to reproduce it. Emits SSE events as it goes.
 * Never calls a model for a summary that carries a red flag.
 */
@Injectable()
export class ReportBuilder {
  /** Read when the builder is made, so a malformed vocabulary or calibration file stops the boot. */
  private readonly vocabulary = defaultVocabulary();
  private readonly calibration = loadCalibration();

  constructor(
    private readonly embedder: EmbedderClient,
    private readonly generator: TextGenerator,
    @Inject(REPORTS_CONFIG)
    private readonly config: Pick<ReportsConfig, 'REPORT_TOP_K' | 'REPORT_AGE_WINDOW_YEARS' | 'REPORT_MIN_RELEVANCE'>,
    private readonly mlflow: MlflowTracker,
    /** Optional so the evaluation harness and unit tests can build reports without a metrics registry. */
    @Optional() private readonly metrics?: ReportMetrics,
  ) {}

  /** The configured floor on the calibrated probability (0: the matched concept alone decides). */
  private get minRelevance(): number {
    return this.config.REPORT_MIN_RELEVANCE;
  }

  /** What writes the reports: the model, or the offline composer when none is configured. */
  get generatedBy(): GeneratorLabel {
    return this.generator.label();
  }

  async build(input: BuildReportInput, emit: (event: ReportStreamEvent) => void): Promise<Report> {
    const started = performance.now();
    const { summary } = input;
    // Dismissed by the patient as a misunderstanding: the doctor already has the flag; the report may be drafted.
    const dismissed = summary.redFlagStatus === 'dismissed';
    const summaryTriage = dismissed ? { urgent: false, flags: [] } : triage(summaryToSentences(summary).join(' '));
    if ((summary.redFlags.length > 0 && !dismissed) || summaryTriage.urgent) {
      throw new AppError('ENCOUNTER_URGENT', 'This encounter has a red flag: follow the emergency guidance; no report is generated.', 409, {
        flags: [...summary.redFlags, ...summaryTriage.flags].map((f) => f.category),
      });
    }
    if (!summary.chiefComplaint)
      throw new AppError('INTAKE_INCOMPLETE', 'The intake has no chief complaint yet: finish the intake first.', 409);

    const similar = await this.retrieve(summary);
    const { plan, response } = similar;
    const cases: CitedCase[] = similar.cited.map(({ result: r, matchedConcepts, relevance }) => ({
      caseId: r.caseId,
      pmid: r.pmid,
      pubmedUrl: pubmedUrl(r.pmid),
      title: cleanExtract(r.title),
      age: r.age,
      sex: r.sex,
      snippet: cleanExtract(r.snippet),
      score: r.score,
      rank: r.rank,
      scores: r.scores,
      matchedTerms: matchedConcepts,
      matchedConcepts,
      ...(relevance !== null ? { relevance: Math.round(relevance * 1000) / 1000 } : {}),
      cited: false,
    }));
    let generatedBy = this.generator.label();
    emit({ type: 'meta', cases, generatedBy });

    let firstDeltaAt: number | null = null;
    const emitDelta = (text: string) => {
      if (!text) return;
      firstDeltaAt ??= performance.now();
      emit({ type: 'delta', text });
    };

    let validated: ReturnType<typeof validateReport> | null = null;
    let usage = { tokensIn: null as number | null, tokensOut: null as number | null, costUsd: null as number | null };
    let provider: Report['provenance']['provider'] = 'offline';
    let promptText: string | null = null;
    if (similar.noCloseCase) {
      // Nothing to compare with: a fixed text, without a model.
      validated = noCloseCaseReport(summary);
      generatedBy = offlineLabel();
      for await (const piece of pieces(validated.sections.map((x) => `## ${x.title}\n${x.text}`).join('\n\n'))) emitDelta(piece);
    } else if (this.generator.hasModel) {
      const session = new MaskingSession(input.knownNames ?? []);
      const messages = buildReportMessages(summary, cases, (t) => session.mask(t));
      promptText = messages.map((m) => `### ${m.role}\n${m.content}`).join('\n\n');
      const restorer = new StreamRestorer(session);
      const generated = await this.generator.generate(
        'report',
        { messages, maxTokens: this.generator.settings.maxTokens, temperature: this.generator.settings.temperature, topP: 0.9 },
        (result) => {
          emitDelta(restorer.flush());
          return validateReport(session.restore(result.text), cases);
        },
        { onToken: (token) => emitDelta(restorer.push(token)), signal: input.signal },
      );
      if (generated.ok) {
        validated = generated.value;
        provider = this.generator.provider;
        usage = { tokensIn: generated.result.tokensIn, tokensOut: generated.result.tokensOut, costUsd: generated.result.costUsd };
        this.generator.observeReportCost(generated.result);
      } else {
        generatedBy = generated.label;
        emit({ type: 'fallback', reason: generated.reason, generatedBy });
      }
    }
    if (!validated) {
      validated = await this.generator.offline(
        'report',
        async () => {
          const text = composeOfflineReport(summary, cases);
          for await (const piece of pieces(text)) emitDelta(piece);
          return validateReport(text, cases);
        },
        { startedAt: started, firstOutputAfter: () => firstDeltaAt },
      );
      provider = 'offline';
    }

    const cited = new Set(validated.cited);
    const report: Report = {
      encounterId: input.encounterId,
      summary,
      cases: cases.map((c) => ({ ...c, cited: cited.has(c.caseId) })),
      sections: validated.sections,
      validation: validated.notes,
      provenance: {
        generatedBy,
        provider,
        promptVersion: provider === 'offline' ? 'offline-composer-v1' : REPORT_PROMPT_VERSION,
        corpusVersion: response?.corpusVersion ?? null,
        retrieval: {
          query: plan.query,
          topK: plan.topK,
          filters: plan.filters,
          degraded: response?.degraded ?? false,
          searchedFor: plan.searchedFor,
          noCloseCase: similar.noCloseCase,
          withheld: similar.withheld.length,
          minRelevance: this.minRelevance,
        },
        tokensIn: usage.tokensIn,
        tokensOut: usage.tokensOut,
        costUsd: usage.costUsd,
        timeToFirstTokenMs: firstDeltaAt === null ? null : firstDeltaAt - started,
        totalMs: performance.now() - started,
      },
      disclaimer: REPORT_DISCLAIMER,
      createdAt: new Date().toISOString(),
    };
    this.mlflow.logReport(report, promptText);
    emit({ type: 'done', report });
    return report;
  }

  /** The product's retrieval path (clinical query, search, relevance gate); an unreachable embedder is a 503. */
  private async retrieve(summary: IntakeSummary): Promise<SimilarCases> {
    try {
      const similar = await findSimilarCases(
        this.embedder,
        summary,
        {
          topK: this.config.REPORT_TOP_K,
          ageWindow: this.config.REPORT_AGE_WINDOW_YEARS,
          calibration: this.calibration,
          minRelevance: this.minRelevance,
        },
        this.vocabulary,
      );
      this.metrics?.record(similar);
      return similar;
    } catch (error) {
      if (error instanceof EmbedderClientError) {
        throw new AppError('RETRIEVAL_UNAVAILABLE', `Similar cases cannot be retrieved right now (${error.code}); try again shortly.`, 503);
      }
      throw error;
    }
  }
}

/** The report when no retrieved case shares a clinical concept with the patient: the account, the fact, the next step. */
function noCloseCaseReport(summary: IntakeSummary): ReturnType<typeof validateReport> {
  return {
    sections: [
      { key: 'currentCase', title: REPORT_SECTION_TITLES.currentCase, text: currentCaseText(summary) },
      { key: 'similarCases', title: REPORT_SECTION_TITLES.similarCases, text: NO_CLOSE_CASE },
      {
        key: 'suggestedApproach',
        title: REPORT_SECTION_TITLES.suggestedApproach,
        text: `- Take a full history and examine the ${describePatient(summary)} to characterise the complaint; no published case is offered for comparison.`,
      },
    ],
    cited: [],
    notes: [],
  };
}
