import { describe, expect, it } from 'vitest';
import { StatusPrinter } from '../../tools/devnet/statusPrinter.js';

const stream = (isTTY: boolean) => {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
};

describe('devnet status printer', () => {
  it('redraws in place on a terminal: back over the previous table, cleared', () => {
    const out = stream(true);
    const printer = new StatusPrinter(out);
    printer.print('a\nb\nc');
    printer.print('d\ne');
    printer.print('f');
    expect(out.writes).toEqual(['a\nb\nc\n', '\x1b[3F\x1b[0Jd\ne\n', '\x1b[2F\x1b[0Jf\n']);
  });

  it('appends every table, a blank line apart, when not a terminal', () => {
    const out = stream(false);
    const printer = new StatusPrinter(out);
    printer.print('a\nb');
    printer.print('c\n');
    expect(out.writes.join('')).toBe('\na\nb\n\nc\n');
  });
});
