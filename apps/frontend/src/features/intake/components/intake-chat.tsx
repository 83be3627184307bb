import { type ConversationTurn, type IntakeState, intakeMessageRequestSchema } from '@patientinsight/shared';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Alert, Button, Disclaimer, ErrorState, Spinner, TextArea } from '../../../components/ui';
import { useIntake, useSendIntakeMessage } from '../api/intake';
import { FIELD_LABELS, IntakeProgress, missingFields } from './intake-progress';
import { IntakeReview } from './intake-review';
import { RedFlagBanner } from './red-flag-banner';

type Shown = Pick<ConversationTurn, 'role' | 'text'> & Partial<Pick<ConversationTurn, 'kind' | 'field'>>;

/** A turn as the patient reads it: a skip, a finish and a correction say what they were. */
function bubbleText(turn: Shown): string {
  if (turn.role !== 'patient') return turn.text;
  if (turn.kind === 'skip') return 'Skipped this question.';
  if (turn.kind === 'review' && turn.field) return `Corrected “${FIELD_LABELS[turn.field]}”: ${turn.text}`;
  return turn.text;
}

function Bubble({ turn }: { turn: Shown }) {
  return (
    <div className={`bubble bubble-${turn.role}`}>
      <span className="visually-hidden">{turn.role === 'assistant' ? 'PatientInsight asked: ' : 'You said: '}</span>
      {bubbleText(turn)}
    </div>
  );
}

/**
 * The turns to show: the conversation, with each question the patient answered (the stored log may
 * start at the patient's first answer, so questions seen in this session are put back in front of
 * their answers), plus the pending question if the log does not end with it.
 */
function visibleTurns(state: IntakeState, askedQuestions: Map<string, string>): Shown[] {
  const turns: Shown[] = [];
  for (const turn of state.conversation) {
    const previous = turns.at(-1);
    const question = turn.field ? askedQuestions.get(turn.field) : turn.questionId ? askedQuestions.get(turn.questionId) : undefined;
    if (turn.role === 'patient' && turn.kind !== 'review' && turn.kind !== 'finish' && previous?.role !== 'assistant' && question)
      turns.push({ role: 'assistant', text: question });
    turns.push(turn);
  }
  const last = turns.at(-1);
  if (state.question && !(last?.role === 'assistant' && last.text === state.question.text))
    turns.push({ role: 'assistant', text: state.question.text });
  return turns;
}

/**
 * The symptom chat: one question at a time, a typing indicator while the answer is processed,
 * progress through the summary fields, and the red-flag banner that stops everything.
 * `whenComplete` renders what comes next (submitting to the doctor) once the intake is complete;
 * `renderUrgent` lets the page draw the emergency screen in place of the banner.
 */
export function IntakeChat({
  encounterId,
  whenComplete,
  renderUrgent,
}: {
  encounterId: string;
  whenComplete?: (state: IntakeState) => ReactNode;
  /** Replaces the built-in red-flag banner (the page shows its own emergency screen). */
  renderUrgent?: (state: IntakeState) => ReactNode;
}) {
  const intake = useIntake(encounterId);
  const send = useSendIntakeMessage(encounterId);
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | undefined>();
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const askedQuestions = useRef(new Map<string, string>());
  const [confirmFinish, setConfirmFinish] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const state = intake.data;
  const questionKey = state?.question ? (state.question.id ?? state.question.field) : null;
  if (state?.question && questionKey && !askedQuestions.current.has(questionKey))
    askedQuestions.current.set(questionKey, state.question.text);
  // Urgent while the flag is active; after the patient called it a misunderstanding the intake goes on (the doctor still sees it).
  const urgent = state ? state.status === 'urgent' : false;

  // The confirmation is the next thing to read: focus moves to it.
  useEffect(() => {
    if (confirmFinish) confirmHeading.current?.focus();
  }, [confirmFinish]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest message whenever one arrives
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state?.conversation.length, pending]);

  if (intake.isPending) return <Spinner label="Loading your conversation…" />;
  if (intake.isError) return <ErrorState title="We could not load your conversation" error={intake.error} onRetry={intake.refetch} />;
  if (!state) return null;

  type Action = 'answer' | 'skip' | 'finish';
  const submit = (action: Action, choice?: string) => (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    // One answer at a time: the next question depends on this one.
    if (send.isPending) return;
    const text = choice ?? (action === 'skip' ? 'Skip this question' : action === 'finish' ? 'I would like to finish now.' : draft);
    const questionId = action === 'answer' ? state.question?.id : undefined;
    const parsed = intakeMessageRequestSchema.safeParse({
      text,
      ...(action === 'finish' ? { finish: true } : {}),
      ...(action === 'skip' ? { skip: true } : {}),
      ...(questionId ? { questionId } : {}),
    });
    if (!parsed.success) {
      setInputError(
        parsed.error.issues[0]?.message === 'text must not be empty' ? 'Type an answer before sending.' : parsed.error.issues[0]?.message,
      );
      input.current?.focus();
      return;
    }
    setInputError(undefined);
    setConfirmFinish(false);
    setPending(action === 'skip' ? 'Skipped this question.' : parsed.data.text);
    const typed = choice === undefined && action === 'answer';
    if (typed) setDraft('');
    send.mutate(parsed.data, {
      onSettled: () => {
        setPending(null);
        // Keep keyboard users in the answer box after each turn (the review step takes focus itself at the end), unless
        // the finish confirmation opened meanwhile: it holds focus until it is answered.
        requestAnimationFrame(() => {
          if (!confirmHeading.current) input.current?.focus();
        });
      },
      onError: () => {
        if (typed) setDraft(parsed.data.text);
      },
    });
  };

  const complete = state.status === 'complete';
  const canSkip = state.question?.kind === 'open' && state.question.field !== null && state.question.field !== 'chiefComplaint';
  // Finishing needs the main concern first; safety questions are asked even after it (the server asks them).
  const canFinish = state.summary.chiefComplaint !== null && (state.question?.kind === 'open' || state.question?.kind === 'screening');
  const missing = missingFields(state.summary);
  return (
    <div className="grid" style={{ alignItems: 'start' }}>
      <section className="card stack" aria-label="Symptom chat" style={{ gridColumn: 'span 2' }}>
        <h2>Tell us what is going on</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
        <div ref={log} className="chat-log" role="log" aria-live="polite" aria-label="Conversation" tabIndex={0}>
          {visibleTurns(state, askedQuestions.current).map((turn, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the conversation is append-only, so the position is the identity
            <Bubble key={`${i}-${turn.role}`} turn={turn} />
          ))}
          {pending !== null && <Bubble turn={{ role: 'patient', text: pending }} />}
          {send.isPending && (
            <div className="bubble bubble-assistant" role="status" aria-label="PatientInsight is typing">
              <span className="typing" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
            </div>
          )}
        </div>
        {urgent && (renderUrgent ? renderUrgent(state) : <RedFlagBanner triage={state.triage} />)}
        {state.question?.options && (
          // Screening and safety questions are answered with buttons (native buttons: keyboard-usable); typing still works.
          <fieldset className="stack" aria-label="Answer" aria-describedby="question-options-hint">
            <div className="row">
              {state.question.options.map((option) => (
                <Button
                  key={option.value}
                  variant={option.value === 'yes' || option.value === 'now' ? 'primary' : 'secondary'}
                  onClick={() => submit('answer', option.label)()}
                  disabled={send.isPending}
                >
                  {option.label}
                </Button>
              ))}
            </div>
            <p id="question-options-hint" className="muted">
              {state.question.kind === 'screening'
                ? 'Choose an answer, or type one below. This is a safety question, so it cannot be skipped.'
                : state.question.field === 'severity'
                  ? 'Choose a number (10 is the worst you can imagine), or describe it below, for example “about a 6 on stairs, 2 sitting”.'
                  : 'Choose the answer that fits.'}
            </p>
          </fieldset>
        )}
        {send.isError && (
          <ErrorState title="Your answer was not sent" error={send.error} action={<p>Your text is back in the box; send it again.</p>} />
        )}
        {confirmFinish && !complete && !urgent && (
          <section className="alert alert-warning stack" aria-labelledby="finish-title">
            <h3 id="finish-title" ref={confirmHeading} tabIndex={-1}>
              Finish now?
            </h3>
            {missing.length > 0 ? (
              <p>
                We have not covered: {missing.map((f) => FIELD_LABELS[f].toLowerCase()).join(', ')}. Your doctor will see these as not
                reported. You can still add them when you check your summary.
              </p>
            ) : (
              <p>You have answered every topic.</p>
            )}
            {state.question?.kind === 'screening' && <p>We still need your answer to the safety questions; they come next.</p>}
            {draft.trim() && <p>What you typed in the answer box has not been sent.</p>}
            <div className="row">
              <Button onClick={() => submit('finish')()} busy={send.isPending}>
                Yes, finish now
              </Button>
              <Button
                variant="secondary"
                onClick={() => {
                  setConfirmFinish(false);
                  requestAnimationFrame(() => input.current?.focus());
                }}
              >
                Keep answering
              </Button>
            </div>
          </section>
        )}
        {!urgent && !complete && (
          <form className="stack" onSubmit={submit('answer')} noValidate>
            <TextArea
              ref={input}
              label={state.question ? 'Your answer' : 'Your message'}
              name="answer"
              rows={3}
              value={draft}
              error={inputError}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) submit('answer')(e);
              }}
              hint="Press Enter to send, Shift+Enter for a new line."
              autoFocus
            />
            <div className="row">
              <Button type="submit" busy={send.isPending}>
                Send
              </Button>
              {canSkip && (
                <Button variant="secondary" onClick={() => submit('skip')()} disabled={send.isPending}>
                  Skip this question
                </Button>
              )}
              {canFinish && (
                <Button variant="ghost" onClick={() => setConfirmFinish(true)} disabled={send.isPending || confirmFinish}>
                  Finish now
                </Button>
              )}
            </div>
          </form>
        )}
        {complete && (
          <Alert
            tone="success"
            title={state.summary.finishedEarly ? 'Thank you, you have finished the questions' : 'Thank you, that covers all our questions'}
          >
            <IntakeReview encounterId={encounterId} state={state} />
            {whenComplete?.(state)}
          </Alert>
        )}
        <Disclaimer />
      </section>
      <IntakeProgress summary={state.summary} current={state.question?.field ?? null} />
    </div>
  );
}

/**
 * The conversation after it was sent to the doctor: read-only, behind a disclosure so the doctor's answer stays
 * first, and readable in full (the questions, the answers, skips and corrections).
 */
export function IntakeTranscript({ encounterId }: { encounterId: string }) {
  const intake = useIntake(encounterId);
  if (intake.isPending) return <Spinner label="Loading your conversation…" />;
  if (intake.isError) return <ErrorState title="We could not load your conversation" error={intake.error} onRetry={intake.refetch} />;
  const state = intake.data;
  return (
    <details className="card stack">
      <summary>Your conversation ({state.conversation.filter((t) => t.role === 'patient').length} answers)</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <div className="chat-log" role="log" aria-label="Your conversation" tabIndex={0}>
        {visibleTurns({ ...state, question: null }, new Map()).map((turn, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the conversation is append-only, so the position is the identity
          <Bubble key={`${i}-${turn.role}`} turn={turn} />
        ))}
      </div>
    </details>
  );
}
