/**
 * The command line the devnet recovery benches share: `[runs] [--chain chopsticks|validators]
 * [--block-ms N]`, plus any `extra` boolean flags. With `--chain validators` the
 * `custos-node` binary must have been built (`npm run node:build`); without it the process
 * exits 2 with that advice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DevNetwork, type NetworkOptions, startNetwork } from '../../tools/devnet/network.js';
import { findNodeBinary } from '../../tools/devnet/validators.js';

/** What the shared command line says. */
export interface ChainArgs {
  runs: number;
  onValidators: boolean;
  /** Block time: `--block-ms`, else 6,000 on validators and 500 on Chopsticks. */
  blockMs: number;
  /** The `custos-node` binary, with `--chain validators`. */
  binary: string | undefined;
  /** The extra boolean flags, by name. */
  flags: Record<string, boolean>;
}

/** Parses the process's arguments; `defaultRuns` when no run count is given. */
export function chainArgs(defaultRuns: number, extra: string[] = []): ChainArgs {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      chain: { type: 'string', default: 'chopsticks' },
      'block-ms': { type: 'string' },
      ...Object.fromEntries(extra.map((f) => [f, { type: 'boolean' as const, default: false }])),
    },
  });
  const onValidators = values.chain === 'validators';
  const binary = onValidators ? findNodeBinary() : undefined;
  if (onValidators && !binary) {
    console.error('--chain validators needs the custos-node binary: run `npm run node:build`');
    process.exit(2);
  }
  return {
    runs: Number(positionals[0] ?? defaultRuns),
    onValidators,
    blockMs: Number(values['block-ms'] ?? (onValidators ? 6000 : 500)),
    binary,
    flags: Object.fromEntries(
      extra.map((f) => [f, (values as Record<string, unknown>)[f] === true]),
    ),
  };
}

/**
 * The devnet the recovery benches measure: 5 companions polling every 300 ms in a fresh
 * temporary work dir, on Chopsticks or (with `--chain validators`) four `custos-node`
 * validators, with `args`' block time; `extra` adds or overrides network options.
 */
export async function benchNetwork(
  args: ChainArgs,
  extra: Partial<NetworkOptions> = {},
): Promise<{ net: DevNetwork; work: string }> {
  const work = mkdtempSync(join(tmpdir(), 'custos-bench-'));
  const net = await startNetwork({
    size: 5,
    workDir: work,
    blockMs: args.blockMs,
    pollMs: 300,
    validators: args.binary ? { binary: args.binary } : undefined,
    ...extra,
  });
  return { net, work };
}
