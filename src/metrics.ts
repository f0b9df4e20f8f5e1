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
  inc(name: string, labels: Record<string, string> = NO_LABELS): void {
    const counter = this.#counters.get(name);
    // A programming error (a counter used before `define`), not an input error.
    if (!counter) throw new RangeError(`metric ${name} is not defined`);
    const key = seriesKey(labels);
    counter.values.set(key, (counter.values.get(key) ?? 0) + 1);
  }

  /** Current value of a series (0 if never counted). */
  value(name: string, labels: Record<string, string> = NO_LABELS): number {
    return this.#counters.get(name)?.values.get(seriesKey(labels)) ?? 0;
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

const NO_LABELS: Record<string, string> = Object.freeze({});
/** Characters a label value may not carry in the text format; each becomes `_`. */
const UNSAFE = /["\\\n]/;
const UNSAFE_ALL = /["\\\n]/g;

/**
 * The series' labels as the text format writes them (`code="X",path="/y"`, in the order
 * given), with unsafe characters replaced. Counting and reading build the same key, and
 * a value without unsafe characters (every one we count) is not rewritten.
 */
function seriesKey(labels: Record<string, string>): string {
  let key = '';
  for (const name in labels) {
    const value = labels[name]!;
    const safe = UNSAFE.test(value) ? value.replace(UNSAFE_ALL, '_') : value;
    key += key === '' ? `${name}="${safe}"` : `,${name}="${safe}"`;
  }
  return key;
}
