import type { ReactNode } from 'react';

type Tone = 'info' | 'warning' | 'danger' | 'success';

export function Alert({ tone = 'info', title, children, role }: { tone?: Tone; title?: string; children?: ReactNode; role?: 'alert' | 'status' }) {
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

/** Every error a user sees says what happened and what to do next. */
export function ErrorState({ title = 'Something went wrong', error, action }: { title?: string; error: unknown; action?: ReactNode }) {
  const message = error instanceof Error ? error.message : 'An unexpected error occurred.';
  return (
    <Alert tone="danger" title={title}>
      <p>{message}</p>
      {action ?? <p>Try again in a moment. If it keeps happening, contact support with the time it happened.</p>}
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
