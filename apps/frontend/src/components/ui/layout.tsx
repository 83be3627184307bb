import type { CSSProperties, ReactNode } from 'react';

export function Card({
  children,
  title,
  as: Tag = 'section',
  'aria-label': ariaLabel,
}: {
  children: ReactNode;
  title?: string;
  as?: 'section' | 'article' | 'div';
  'aria-label'?: string;
}) {
  return (
    <Tag className="card stack" aria-label={ariaLabel}>
      {title && <h2>{title}</h2>}
      {children}
    </Tag>
  );
}

export function Stack({ children, gap }: { children: ReactNode; gap?: 1 | 2 | 3 | 4 | 5 | 6 }) {
  return (
    <div className="stack" style={gap ? ({ '--gap': `var(--space-${gap})` } as CSSProperties) : undefined}>
      {children}
    </div>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return <div className="row">{children}</div>;
}

export function Grid({ children, min }: { children: ReactNode; min?: string }) {
  return (
    <div className="grid" style={min ? ({ '--min': min } as CSSProperties) : undefined}>
      {children}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="stack" style={{ marginBottom: 'var(--space-4)' }}>
      <h1>{title}</h1>
      {children}
    </header>
  );
}

export function Stat({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="card stat">
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

export function Badge({ children, tone }: { children: ReactNode; tone?: 'urgent' | 'success' | 'warning' }) {
  return <span className={`badge${tone ? ` badge-${tone}` : ''}`}>{children}</span>;
}

/** A table that may scroll sideways on a phone: focusable and named so keyboard users can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
