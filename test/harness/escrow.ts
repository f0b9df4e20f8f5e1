/** Assertions shared by the tests that drive the air-gapped escrow member's CLI steps. */
import { expect } from 'vitest';

/**
 * Asserts that `custos escrow sign --json` printed (in `stdout`) one refusal, of the
 * export's first request with `code`, and released the `total - 1` others.
 */
export function expectOnlyFirstRefused(
  stdout: string,
  exported: { requests: { owner: string; incarnation: number }[] },
  code: string,
  total: number,
): void {
  const out = JSON.parse(stdout) as { refused: unknown[]; released: unknown[] };
  const first = exported.requests[0]!;
  expect(out.refused).toEqual([
    expect.objectContaining({ request: `${first.owner}/${first.incarnation}`, code }),
  ]);
  expect(out.released).toHaveLength(total - 1);
}
