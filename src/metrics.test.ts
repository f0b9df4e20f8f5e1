/** The Prometheus counters: series keys, escaping, and the text format. */
import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';

describe('Metrics', () => {
  it('counts each labelled series on its own and reads back what it counted', () => {
    const m = new Metrics();
    m.define('custos_test_total', 'a test counter');
    m.inc('custos_test_total', { code: 'A' });
    m.inc('custos_test_total', { code: 'A' });
    m.inc('custos_test_total', { code: 'B', path: '/x' });
    m.inc('custos_test_total');
    expect(m.value('custos_test_total', { code: 'A' })).toBe(2);
    expect(m.value('custos_test_total', { code: 'B', path: '/x' })).toBe(1);
    expect(m.value('custos_test_total')).toBe(1);
    expect(m.value('custos_test_total', { code: 'C' })).toBe(0);
    expect(m.render()).toContain('custos_test_total{code="B",path="/x"} 1');
  });

  it('a label value cannot break out of its quotes or line, and reads back the same', () => {
    const m = new Metrics();
    m.define('custos_test_total', 'a test counter');
    const hostile = 'x"} 99\ncustos_forged_total 1\\';
    m.inc('custos_test_total', { code: hostile });
    expect(m.value('custos_test_total', { code: hostile })).toBe(1);
    const text = m.render();
    expect(text).toContain('custos_test_total{code="x_} 99_custos_forged_total 1_"} 1');
    expect(text.split('\n').some((l) => l.startsWith('custos_forged_total'))).toBe(false);
  });

  it('counting an undefined metric is a programming error', () => {
    expect(() => new Metrics().inc('custos_nothing_total')).toThrow(RangeError);
  });
});
