/**
 * Renders rows as a plain-text table: a header, a rule, one line per row, columns padded
 * to their widest cell. Cells are printed as given (callers shorten long values).
 *
 * @example
 * renderTable(['kind', 'subject'], [['AT_RISK', '5F…']]);
 */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `5GrwvaEF…utQY`: an account shortened for a table (full values are in `--json`). */
export function shortAccount(account: string): string {
  return account.length > 16 ? `${account.slice(0, 8)}…${account.slice(-4)}` : account;
}
