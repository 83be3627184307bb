import { askQuestionRequestSchema, type CitedCase } from '@patientinsight/shared';
import { type FormEvent, useRef, useState } from 'react';
import { Button, Disclaimer, ErrorState, TextArea } from '../../../components/ui';
import { useAskQuestion } from '../api/reports';
import { CitedText } from './cited-text';

/** A patient's answer draws only on what their doctor wrote and the cases they shared (never the report). */
const SOURCE_NAMES = {
  patient: { doctor_notes: 'what your doctor wrote', cases: 'the cases your doctor shared', report: 'the report' },
  doctor: { doctor_notes: "your doctor's notes", cases: 'the similar cases', report: 'the report' },
} as const;

/** Questions about a report; the answer streams in with citations to the report's cases. */
export function ReportQa({ encounterId, cases, audience }: { encounterId: string; cases: CitedCase[]; audience: 'patient' | 'doctor' }) {
  const qa = useAskQuestion(encounterId);
  const [question, setQuestion] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const answerRef = useRef<HTMLDivElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = askQuestionRequestSchema.safeParse({ question });
    if (!parsed.success) {
      setError(
        parsed.error.issues[0]?.message === 'question must not be empty' ? 'Type a question first.' : parsed.error.issues[0]?.message,
      );
      return;
    }
    setError(undefined);
    setAsked(parsed.data.question);
    void qa.ask(parsed.data);
  };

  return (
    <section className="card stack" aria-labelledby="qa-title">
      <h2 id="qa-title">{audience === 'patient' ? "Ask about your doctor's answer" : 'Ask about this report'}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <TextArea
          label="Your question"
          name="question"
          rows={2}
          value={question}
          error={error}
          onChange={(e) => setQuestion(e.target.value)}
        />
        <div>
          <Button type="submit" busy={qa.status === 'streaming'}>
            Ask
          </Button>
        </div>
      </form>
      {asked && (
        <div ref={answerRef} className="stack" aria-live="polite" aria-busy={qa.status === 'streaming'} data-testid="qa-answer">
          <p>
            <strong>You asked:</strong> {asked}
          </p>
          {qa.fallback && audience === 'doctor' && (
            <p className="muted">The language model was unavailable; this answer was {qa.fallback.generatedBy.label}.</p>
          )}
          {qa.status === 'streaming' && qa.text === '' && <p className="muted">Thinking…</p>}
          {qa.text && <CitedText text={qa.text} cases={cases} />}
          {/* An answer drawn from nothing (the emergency guidance, "ask your doctor") has no "Based on" line. */}
          {qa.status === 'done' && qa.result && qa.result.sources.length > 0 && (
            <p className="muted">
              Based on: {qa.result.sources.map((s) => SOURCE_NAMES[audience][s]).join(', ')}
              {qa.result.generatedBy.kind === 'offline' && audience === 'doctor' ? ` · ${qa.result.generatedBy.label}` : ''}
            </p>
          )}
          {qa.status === 'error' && (
            <ErrorState
              title="No answer this time"
              error={qa.error}
              action={<p>Ask again; if it keeps failing, ask your doctor directly.</p>}
            />
          )}
        </div>
      )}
      {audience === 'patient' && <Disclaimer />}
    </section>
  );
}
