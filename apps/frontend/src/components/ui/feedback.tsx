import type { ReactNode } from 'react';
import { Button } from './button';

type Tone = 'info' | 'warning' | 'danger' | 'success';

export function Alert({
  tone = 'info',
  title,
  children,
  role,
}: {
  tone?: Tone;
  title?: string;
  children?: ReactNode;
  role?: 'alert' | 'status';
}) {
  return (
    <div className={`alert alert-${tone}`} role={role ?? (tone === 'danger' ? 'alert' : 'status')}>
      {title && <h2>{title}</h2>}
      {children}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <span className="row" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}

/** Determinate progress with an accessible name; `value` in 0..1. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div className="progress-bar" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** The words for an error: a missing item or an unreachable server never shows a raw id or status. */
export function describeError(error: unknown): { message: string; notFound: boolean; offline: boolean } {
  const status = typeof error === 'object' && error !== null && 'status' in error ? (error as { status: unknown }).status : undefined;
  if (status === 404)
    return { message: 'We could not find this. It may have been removed, or the link may be incomplete.', notFound: true, offline: false };
  if (status === 0)
    return { message: 'We cannot reach PatientInsight right now. Check your connection, then try again.', notFound: false, offline: true };
  return { message: error instanceof Error ? error.message : 'An unexpected error occurred.', notFound: false, offline: false };
}

/**
 * The one error card every page uses: what happened, and a retry button when the action can be
 * repeated (a failed load, a lost connection). A missing item is not retried: it will not appear.
 */
export function ErrorState({
  title = 'Something went wrong',
  error,
  action,
  onRetry,
}: {
  title?: string;
  error: unknown;
  action?: ReactNode;
  onRetry?: () => unknown;
}) {
  const { message, notFound } = describeError(error);
  return (
    <Alert tone="danger" title={title}>
      <p>{message}</p>
      {action ?? (!notFound && <p>If it keeps happening, contact support with the time it happened.</p>)}
      {onRetry && !notFound && (
        <div>
          <Button variant="secondary" onClick={() => void onRetry()}>
            Try again
          </Button>
        </div>
      )}
    </Alert>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="muted">{children}</p>;
}

/** Shown wherever a patient reads generated text. */
export function Disclaimer() {
  return (
    <p className="alert alert-warning" data-testid="disclaimer">
      This is not a diagnosis. In an emergency call your local emergency number.
    </p>
  );
}
