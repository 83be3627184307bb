import type { StatisticsProfile } from '@patientinsight/shared';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Share of cases per age band, so batches of different sizes compare. */
function ageRows(batch: StatisticsProfile | null, reference: StatisticsProfile | null) {
  const bins = new Map<string, { band: string; from: number; batch: number; reference: number }>();
  const add = (profile: StatisticsProfile | null, key: 'batch' | 'reference') => {
    if (!profile) return;
    const total = profile.age.histogram.reduce((n, b) => n + b.count, 0) || 1;
    for (const b of profile.age.histogram) {
      const band = `${Math.round(b.from)}–${Math.round(b.to)}`;
      const row = bins.get(band) ?? { band, from: b.from, batch: 0, reference: 0 };
      row[key] = Math.round((b.count / total) * 1000) / 10;
      bins.set(band, row);
    }
  };
  add(batch, 'batch');
  add(reference, 'reference');
  return [...bins.values()].sort((a, b) => a.from - b.from);
}

function sexRows(batch: StatisticsProfile | null, reference: StatisticsProfile | null) {
  const share = (p: StatisticsProfile | null, s: 'F' | 'M') => (p && p.sex.F + p.sex.M > 0 ? Math.round((p.sex[s] / (p.sex.F + p.sex.M)) * 1000) / 10 : 0);
  return [
    { sex: 'Female', batch: share(batch, 'F'), reference: share(reference, 'F') },
    { sex: 'Male', batch: share(batch, 'M'), reference: share(reference, 'M') },
  ];
}

/**
 * The drift charts: age distribution and sex ratio of this batch against the corpus already
 * indexed. Loaded lazily (recharts is large) and each chart has a data table for screen readers.
 */
export default function QualityCharts({ profile, reference }: { profile: StatisticsProfile | null; reference: StatisticsProfile | null }) {
  const ages = ageRows(profile, reference);
  const sexes = sexRows(profile, reference);
  return (
    <div className="grid" style={{ '--min': '20rem' } as React.CSSProperties}>
      <figure className="card" style={{ margin: 0 }} aria-labelledby="age-chart-title">
        <figcaption id="age-chart-title">
          <h3>Age distribution (% of cases)</h3>
        </figcaption>
        <div className="chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
            <BarChart data={ages} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="band" />
              <YAxis unit="%" />
              <Tooltip />
              <Legend />
              <Bar dataKey="reference" name="Indexed corpus" fill="var(--color-chart-reference)" isAnimationActive={false} />
              <Bar dataKey="batch" name="This batch" fill="var(--color-chart-new)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <details>
          <summary>Age data as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Age band</th>
                <th scope="col">Indexed corpus %</th>
                <th scope="col">This batch %</th>
              </tr>
            </thead>
            <tbody>
              {ages.map((r) => (
                <tr key={r.band}>
                  <td>{r.band}</td>
                  <td>{r.reference}</td>
                  <td>{r.batch}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
      <figure className="card" style={{ margin: 0 }} aria-labelledby="sex-chart-title">
        <figcaption id="sex-chart-title">
          <h3>Sex ratio (% of cases)</h3>
        </figcaption>
        <div className="chart" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 256 }}>
            <BarChart data={sexes} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="sex" />
              <YAxis unit="%" domain={[0, 100]} />
              <Tooltip />
              <Legend />
              <Bar dataKey="reference" name="Indexed corpus" fill="var(--color-chart-reference)" isAnimationActive={false} />
              <Bar dataKey="batch" name="This batch" fill="var(--color-chart-new)" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <table aria-label="Sex ratio data">
          <thead>
            <tr>
              <th scope="col">Sex</th>
              <th scope="col">Indexed corpus %</th>
              <th scope="col">This batch %</th>
            </tr>
          </thead>
          <tbody>
            {sexes.map((r) => (
              <tr key={r.sex}>
                <td>{r.sex}</td>
                <td>{r.reference}</td>
                <td>{r.batch}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </div>
  );
}
