import { type ConversationTurn, type IntakeState, intakeMessageRequestSchema } from '@patientinsight/shared';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Alert, Button, Disclaimer, ErrorState, Spinner, TextArea } from '../../../components/ui';
import { useIntake, useSendIntakeMessage } from '../api/intake';
import { IntakeProgress } from './intake-progress';
import { RedFlagBanner } from './red-flag-banner';

function Bubble({ turn }: { turn: Pick<ConversationTurn, 'role' | 'text'> }) {
  return (
    <div className={`bubble bubble-${turn.role}`}>
      <span className="visually-hidden">{turn.role === 'assistant' ? 'PatientInsight asked: ' : 'You said: '}</span>
      {turn.text}
    </div>
  );
}

/**
 * The turns to show: the conversation, with each question the patient answered (the stored log may
 * start at the patient's first answer, so questions seen in this session are put back in front of
 * their answers), plus the pending question if the log does not end with it.
 */
function visibleTurns(state: IntakeState, askedQuestions: Map<string, string>): Pick<ConversationTurn, 'role' | 'text'>[] {
  const turns: Pick<ConversationTurn, 'role' | 'text'>[] = [];
  for (const turn of state.conversation) {
    const previous = turns.at(-1);
    const question = turn.field ? askedQuestions.get(turn.field) : turn.questionId ? askedQuestions.get(turn.questionId) : undefined;
    if (turn.role === 'patient' && previous?.role !== 'assistant' && question) turns.push({ role: 'assistant', text: question });
    turns.push(turn);
  }
  const last = turns.at(-1);
  if (state.question && !(last?.role === 'assistant' && last.text === state.question.text)) turns.push({ role: 'assistant', text: state.question.text });
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
  const state = intake.data;
  const questionKey = state?.question ? (state.question.id ?? state.question.field) : null;
  if (state?.question && questionKey && !askedQuestions.current.has(questionKey)) askedQuestions.current.set(questionKey, state.question.text);
  // Urgent while the flag is active; after the patient called it a misunderstanding the intake goes on (the doctor still sees it).
  const urgent = state ? state.status === 'urgent' : false;

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the newest message whenever one arrives
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state?.conversation.length, pending]);

  if (intake.isPending) return <Spinner label="Loading your conversation…" />;
  if (intake.isError) return <ErrorState title="We could not load your conversation" error={intake.error} onRetry={intake.refetch} />;
  if (!state) return null;

  const submit = (finish: boolean, choice?: string) => (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    // One answer at a time: the next question depends on this one.
    if (send.isPending) return;
    const text = choice ?? (finish && !draft.trim() ? 'That is all I want to say.' : draft);
    const questionId = state.question?.id;
    const parsed = intakeMessageRequestSchema.safeParse({ text, ...(finish ? { finish: true } : {}), ...(questionId ? { questionId } : {}) });
    if (!parsed.success) {
      setInputError(parsed.error.issues[0]?.message === 'text must not be empty' ? 'Type an answer before sending.' : parsed.error.issues[0]?.message);
      input.current?.focus();
      return;
    }
    setInputError(undefined);
    setPending(parsed.data.text);
    if (choice === undefined) setDraft('');
    send.mutate(parsed.data, {
      onSettled: () => {
        setPending(null);
        // Keep keyboard users in the answer box after each turn.
        requestAnimationFrame(() => input.current?.focus());
      },
      onError: () => {
        if (choice === undefined) setDraft(parsed.data.text);
      },
    });
  };

  const complete = state.status === 'complete';
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
                <Button key={option.value} variant={option.value === 'yes' || option.value === 'now' ? 'primary' : 'secondary'} onClick={() => submit(false, option.label)()} disabled={send.isPending}>
                  {option.label}
                </Button>
              ))}
            </div>
            <p id="question-options-hint" className="muted">
              {state.question.kind === 'screening' ? 'Choose an answer, or type one below.' : 'Choose the answer that fits.'}
            </p>
          </fieldset>
        )}
        {send.isError && <ErrorState title="Your answer was not sent" error={send.error} action={<p>Your text is back in the box; send it again.</p>} />}
        {!urgent && !complete && (
          <form className="stack" onSubmit={submit(false)} noValidate>
            <TextArea
              ref={input}
              label={state.question ? 'Your answer' : 'Your message'}
              name="answer"
              rows={3}
              value={draft}
              error={inputError}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) submit(false)(e);
              }}
              hint="Press Enter to send, Shift+Enter for a new line."
              autoFocus
            />
            <div className="row">
              <Button type="submit" busy={send.isPending}>
                Send
              </Button>
              <Button variant="secondary" onClick={() => submit(true)()} disabled={send.isPending}>
                I have nothing more to add
              </Button>
            </div>
          </form>
        )}
        {complete && (
          <Alert tone="success" title="Thank you, that is everything we need">
            {whenComplete?.(state)}
          </Alert>
        )}
        <Disclaimer />
      </section>
      <IntakeProgress summary={state.summary} current={state.question?.field ?? null} complete={complete} />
    </div>
  );
}
