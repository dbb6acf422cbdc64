// Small statistics for noisy runs: medians and spreads, never means.

/** The q-quantile (0..1) of `values` (nearest rank on a sorted copy), or null when empty. */
export function quantile(values, q) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Median, minimum and maximum of `values`. */
export function summarize(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: null, min: null, max: null, n: 0 };
  return { median: quantile(finite, 0.5), min: Math.min(...finite), max: Math.max(...finite), n: finite.length };
}
