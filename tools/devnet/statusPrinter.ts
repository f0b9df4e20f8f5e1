/**
 * Prints the devnet's status table every few seconds: redrawn in place on a terminal (the
 * cursor goes back up over the previous table, which is cleared), appended with a blank
 * line between tables otherwise (a log file or a pipe keeps every one).
 */

/** Where the table goes: a stream that may be a terminal. */
export interface StatusStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** ANSI: move the cursor to the start of the line `n` lines up. */
const up = (n: number) => `\x1b[${n}F`;
/** ANSI: clear from the cursor to the end of the screen. */
const CLEAR_BELOW = '\x1b[0J';

/** Prints successive status tables to `stream` (see the module comment). */
export class StatusPrinter {
  #linesShown = 0;

  constructor(private readonly stream: StatusStream) {}

  /** Shows `table` (no trailing newline needed). */
  print(table: string): void {
    const text = table.endsWith('\n') ? table : `${table}\n`;
    if (this.stream.isTTY) {
      const back = this.#linesShown > 0 ? `${up(this.#linesShown)}${CLEAR_BELOW}` : '';
      this.stream.write(`${back}${text}`);
      this.#linesShown = text.split('\n').length - 1;
    } else {
      this.stream.write(`\n${text}`);
    }
  }
}
