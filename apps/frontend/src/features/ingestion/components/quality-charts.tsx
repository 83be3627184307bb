import type { StatisticsProfile } from '@patientinsight/shared';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Share of cases per age band, so batches of different sizes compare. */
function ageRows(batch: StatisticsProfile | null, reference: StatisticsProfile | null) {
  const bins = new Map<string, ComparisonRow & { from: number }>();
  const add = (profile: StatisticsProfile | null, key: 'batch' | 'reference') => {
    if (!profile) return;
    const total = profile.age.histogram.reduce((n, b) => n + b.count, 0) || 1;
    for (const b of profile.age.histogram) {
      const band = `${Math.round(b.from)}–${Math.round(b.to)}`;
      const row = bins.get(band) ?? { label: band, from: b.from, batch: 0, reference: 0 };
      row[key] = Math.round((b.count / total) * 1000) / 10;
      bins.set(band, row);
    }
  };
  add(batch, 'batch');
  add(reference, 'reference');
  return [...bins.values()].sort((a, b) => a.from - b.from);
}

function sexRows(batch: StatisticsProfile | null, reference: StatisticsProfile | null): ComparisonRow[] {
  const share = (p: StatisticsProfile | null, s: 'F' | 'M') =>
    p && p.sex.F + p.sex.M > 0 ? Math.round((p.sex[s] / (p.sex.F + p.sex.M)) * 1000) / 10 : 0;
  return [
    { label: 'Female', batch: share(batch, 'F'), reference: share(reference, 'F') },
    { label: 'Male', batch: share(batch, 'M'), reference: share(reference, 'M') },
  ];
}

interface ComparisonRow {
  label: string;
  batch: number;
  reference: number;
}

/**
 * One bar chart of this batch against the indexed corpus, with the same numbers as a table for
 * screen readers (the chart itself is hidden from them).
 */
function ComparisonFigure(props: {
  id: string;
  title: string;
  categoryHeader: string;
  rows: ComparisonRow[];
  yDomain?: [number, number];
  /** Tuck the table into a <details> (long tables); otherwise show it under the chart with this label. */
  table: { collapsedSummary: string } | { label: string };
}) {
  const table = (
    <table aria-label={'label' in props.table ? props.table.label : undefined}>
      <thead>
        <tr>
          <th scope="col">{props.categoryHeader}</th>
          <th scope="col">Indexed corpus %</th>
          <th scope="col">This batch %</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            <td>{r.reference}</td>
            <td>{r.batch}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure className="card" style={{ margin: 0 }} aria-labelledby={props.id}>
      <figcaption id={props.id}>
        <h3>{props.title}</h3>
      </figcaption>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
          <BarChart data={props.rows} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis unit="%" domain={props.yDomain} />
            <Tooltip />
            <Legend />
            <Bar dataKey="reference" name="Indexed corpus" fill="var(--color-chart-reference)" isAnimationActive={false} />
            <Bar dataKey="batch" name="This batch" fill="var(--color-chart-new)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {'collapsedSummary' in props.table ? (
        <details>
          <summary>{props.table.collapsedSummary}</summary>
          {table}
        </details>
      ) : (
        table
      )}
    </figure>
  );
}

/**
 * The drift charts: age distribution and sex ratio of this batch against the corpus already
 * indexed. Loaded lazily (recharts is large) and each chart has a data table for screen readers.
 */
export default function QualityCharts({ profile, reference }: { profile: StatisticsProfile | null; reference: StatisticsProfile | null }) {
  return (
    <div className="grid" style={{ '--min': '20rem' } as React.CSSProperties}>
      <ComparisonFigure
        id="age-chart-title"
        title="Age distribution (% of cases)"
        categoryHeader="Age band"
        rows={ageRows(profile, reference)}
        table={{ collapsedSummary: 'Age data as a table' }}
      />
      <ComparisonFigure
        id="sex-chart-title"
        title="Sex ratio (% of cases)"
        categoryHeader="Sex"
        rows={sexRows(profile, reference)}
        yDomain={[0, 100]}
        table={{ label: 'Sex ratio data' }}
      />
    </div>
  );
}
