import { type Answer, type AskQuestionRequest, type GeneratorLabel, type QaStreamEvent, qaStreamEventSchema } from '@patientinsight/shared';
import { useCallback, useRef, useState } from 'react';
import { ApiError, rawRequest } from '../../../lib/api-client';
import { streamEvents } from '../../../lib/sse';

export interface StreamState<T> {
  status: 'idle' | 'streaming' | 'done' | 'error';
  text: string;
  result: T | null;
  fallback: { reason: string; generatedBy: GeneratorLabel } | null;
  error: Error | null;
}

const idle = <T>(): StreamState<T> => ({ status: 'idle', text: '', result: null, fallback: null, error: null });

/** Streams an answer to a question about the report (`POST /questions`, SSE), token by token. */
export function useAskQuestion(encounterId: string) {
  const [state, setState] = useState<StreamState<Answer>>(idle);
  const abort = useRef<AbortController | null>(null);
  const ask = useCallback(
    async (body: AskQuestionRequest) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setState({ ...idle<Answer>(), status: 'streaming' });
      try {
        let finished = false;
        await streamEvents(
          `/v1/encounters/${encounterId}/questions`,
          { method: 'POST', body: JSON.stringify(body), signal: controller.signal },
          (message) => {
            const event: QaStreamEvent = qaStreamEventSchema.parse(JSON.parse(message.data));
            if (event.type === 'delta') setState((s) => ({ ...s, text: s.text + event.text }));
            else if (event.type === 'fallback')
              setState((s) => ({ ...s, fallback: { reason: event.reason, generatedBy: event.generatedBy } }));
            else if (event.type === 'done') {
              finished = true;
              setState((s) => ({ ...s, status: 'done', text: event.answer.answer, result: event.answer }));
            } else {
              finished = true;
              setState((s) => ({ ...s, status: 'error', error: new ApiError(event.error.message, 500, event.error.code) }));
            }
          },
        );
        if (!finished)
          setState((s) => ({ ...s, status: 'error', error: new Error('The answer was cut off before it finished. Ask again.') }));
      } catch (error) {
        if ((error as Error).name !== 'AbortError') setState((s) => ({ ...s, status: 'error', error: error as Error }));
      }
    },
    [encounterId],
  );
  return { ...state, ask };
}

/** Downloads the released report's PDF (the token travels in a header, so a plain link cannot). */
export async function downloadReportPdf(encounterId: string): Promise<void> {
  const res = await rawRequest(`/v1/encounters/${encounterId}/report.pdf`, { headers: { accept: 'application/pdf' } });
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `patientinsight-report-${encounterId}.pdf`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
