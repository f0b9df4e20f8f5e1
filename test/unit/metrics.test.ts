/**
 * The companion's metrics, their documentation and the Grafana dashboard agree: every
 * metric the code defines is in docs/companion.md's table, nothing else is, and every query
 * of docs/grafana/custos-companion.json names only defined metrics.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const defined = new Set(
  sources('src').flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\.define\(\s*'(custos_\w+)'/g)].map((m) => m[1]!),
  ),
);

describe('metrics', () => {
  it('are each documented once in docs/companion.md, and only those', () => {
    const doc = readFileSync('docs/companion.md', 'utf8');
    const section = doc.slice(
      doc.indexOf('## Metrics'),
      doc.indexOf('\n## ', doc.indexOf('## Metrics') + 1),
    );
    const documented = [...section.matchAll(/^\| `(custos_\w+)` \|/gm)].map((m) => m[1]!);
    expect(defined.size).toBeGreaterThan(0);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual([...defined].sort());
  });

  it('are what the Grafana dashboard queries, and it parses', () => {
    const dashboard = JSON.parse(readFileSync('docs/grafana/custos-companion.json', 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const queried = new Set(
      dashboard.panels.flatMap((p) =>
        p.targets.flatMap((t) => [...t.expr.matchAll(/custos_\w+/g)].map((m) => m[0])),
      ),
    );
    expect([...queried].sort()).toEqual([...defined].sort());
  });
});
