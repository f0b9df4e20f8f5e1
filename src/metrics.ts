/**
 * Counters exposed in the Prometheus text format at `/metrics`. One registry per process;
 * passed to whoever counts (no global).
 */
export class Metrics {
  #counters = new Map<string, { help: string; values: Map<string, number> }>();

  /** Declares a counter. */
  define(name: string, help: string): void {
    if (!this.#counters.has(name)) this.#counters.set(name, { help, values: new Map() });
  }

  /** Adds 1 to `name{label="value"}` (or the unlabelled series). */
  inc(name: string, labels: Record<string, string> = {}): void {
    const counter = this.#counters.get(name);
    // A programming error (a counter used before `define`), not an input error.
    if (!counter) throw new RangeError(`metric ${name} is not defined`);
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
      .join(',');
    counter.values.set(key, (counter.values.get(key) ?? 0) + 1);
  }

  /** Current value of a series (0 if never counted). */
  value(name: string, labels: Record<string, string> = {}): number {
    const key = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    return this.#counters.get(name)?.values.get(key) ?? 0;
  }

  /** Prometheus text exposition. */
  render(): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.#counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      if (values.size === 0) lines.push(`${name} 0`);
      for (const [key, v] of values) lines.push(key ? `${name}{${key}} ${v}` : `${name} ${v}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
