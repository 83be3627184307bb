/**
 * Two-sample Kolmogorov–Smirnov test: D is the largest gap between the two empirical CDFs, the
 * p-value comes from the asymptotic Kolmogorov distribution with Stephens' small-sample correction
 * (Numerical Recipes §14.3, `kstwo`/`probks`), which is what scipy's `ks_2samp(method='asymp')` uses
 * up to the correction term.
 */
export interface KsResult {
  statistic: number;
  pValue: number;
  n: number;
  m: number;
}

/** Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2 j² λ²}. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  let previous = 0;
  for (let j = 1; j <= 100; j++) {
    const term = 2 * (j % 2 === 1 ? 1 : -1) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) <= 1e-10 * Math.abs(previous) || Math.abs(term) <= 1e-16 * sum) return Math.min(1, Math.max(0, sum));
    previous = term;
  }
  return 1; // the series did not converge: λ is tiny, nothing can be concluded
}

export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return null;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = Math.sqrt((n * m) / (n + m));
  const pValue = kolmogorovQ(en * d);
  return { statistic: d, pValue, n, m };
}
