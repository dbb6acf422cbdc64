// Table printing for the terminal: aligned columns, numbers rounded to what the noise allows.

/** A number with a thousands separator and at most `digits` decimals; '–' for null. */
export function num(value, digits = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** `median (min–max)` of a summary. */
export function spread(summary, digits = 0) {
  if (!summary || summary.median === null) return '–';
  return `${num(summary.median, digits)} (${num(summary.min, digits)}–${num(summary.max, digits)})`;
}

/** Renders rows (arrays of strings) under `headers` as an aligned text table. */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
