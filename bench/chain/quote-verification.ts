/**
 * Measures what a restart attestation costs the runtime, on Chopsticks executing the
 * committed wasm:
 *
 * - pool validation of a valid restart attestation (all cheap checks + the dev-path quote
 *   verification), and of one with a bad restart-key signature (refused at step 2, before
 *   any quote work); the difference is the quote verification;
 * - the runtime wasm size, and how many restart attestations fit in a block by weight
 *   and by length.
 *
 *   npx tsx bench/chain/quote-verification.ts [runs=20]
 *
 * Prints a Markdown table for docs/benchmarks.md. Timings are wall-clock on this machine
 * and include the RPC round trip, which the baseline row carries too.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WsProvider } from '@polkadot/api';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, randomAsU8a } from '@polkadot/util-crypto';
import { submitAndWatch } from '../../src/chain/submit.js';
import {
  buildRestartAttestation,
  restartSigningPayload,
} from '../../src/chain/submitRestartAttestation.js';
import { startChain } from '../../test/harness/chain.js';
import {
  bestBlock,
  devOperator,
  registerTestValidator,
  TestValidator,
} from '../../test/harness/validator.js';

const runs = Number(process.argv[2] ?? 20);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN;
}

async function main() {
  await cryptoWaitReady();
  const chain = await startChain({ preset: 'development', blockMode: 'Instant' });
  try {
    const { api } = chain;
    const v = new TestValidator(devOperator('Alice'));
    await registerTestValidator(api, v);
    await chain.newBlocks(3);

    const block = await bestBlock(api);
    const recovery = randomAsU8a(32);
    const params = {
      tssAccount: v.tss.address,
      incarnation: 1,
      recoveryKeysRoot: recovery,
      quote: v.quote(api, 'restart', block, 1, recovery),
      genesisHash: api.genesisHash.toHex(),
      block,
      restartKey: v.restart,
    };
    const attestation = buildRestartAttestation(api, params);
    const signature = v.restart.sign(restartSigningPayload(attestation.toU8a()));
    const badSignature = new Uint8Array(signature);
    badSignature[0] = (badSignature[0] ?? 0) ^ 1;
    const valid = api.tx.attestation.attestRestart(attestation, u8aToHex(signature));
    const cheapOnly = api.tx.attestation.attestRestart(attestation, u8aToHex(badSignature));

    // A raw provider: @polkadot/api's state.call re-encodes the data argument.
    const raw = new WsProvider(chain.endpoint);
    await raw.isReady;
    const time = async (tx: typeof valid, expectValid: boolean) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        // TransactionSource::External = 2, then the extrinsic, then the block hash.
        const args = u8aConcat(Uint8Array.of(2), tx.toU8a(), hexToU8a(block.hash));
        const result: string = await raw.send('state_call', [
          'TaggedTransactionQueue_validate_transaction',
          u8aToHex(args),
        ]);
        samples.push(performance.now() - start);
        if (result.startsWith('0x00') !== expectValid) {
          throw new Error(`unexpected validity: ${result}`);
        }
      }
      return samples;
    };
    await time(valid, true); // warm up the executor
    const full = await time(valid, true);
    const cheap = await time(cheapOnly, false);
    await raw.disconnect();

    const weights = api.consts.system.blockWeights;
    const normal = weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
    // Include the valid attestation and read the weight the block charged for it.
    const inclusion = await submitAndWatch(api, valid, 'Attestation');
    const success = inclusion.events.find(({ event }) =>
      api.events.system.ExtrinsicSuccess.is(event),
    );
    if (!success || !api.events.system.ExtrinsicSuccess.is(success.event)) {
      throw new Error('the attestation did not succeed');
    }
    const callWeight = success.event.data.dispatchInfo.weight.refTime.toBigInt();
    const length = api.consts.system.blockLength.max.normal.toNumber();
    const wasmBytes = statSync(
      fileURLToPath(new URL('../../chain/artifacts/custos_runtime.wasm', import.meta.url)),
    ).size;

    console.log(`| measure | value |`);
    console.log(`|---|---|`);
    console.log(`| runtime wasm (uncompressed) | ${wasmBytes.toLocaleString('en')} bytes |`);
    console.log(
      `| pool validation, valid restart attestation (median / p95 of ${runs}) | ${median(full).toFixed(1)} ms / ${p95(full).toFixed(1)} ms |`,
    );
    console.log(
      `| pool validation, refused at restart-key check (median / p95) | ${median(cheap).toFixed(1)} ms / ${p95(cheap).toFixed(1)} ms |`,
    );
    console.log(
      `| ⇒ dev-path quote verification in Chopsticks' executor (median difference) | ${(median(full) - median(cheap)).toFixed(1)} ms |`,
    );
    console.log(`| restart attestation size | ${valid.encodedLength} bytes |`);
    console.log(
      `| declared weight of attest_restart | ${(Number(callWeight) / 1e9).toFixed(1)} ms (ref time) |`,
    );
    console.log(
      `| fit in one block by weight (normal-class block weight / call weight) | ${normal / callWeight} |`,
    );
    console.log(
      `| fit in one block by length (normal length / size) | ${Math.floor(length / valid.encodedLength)} |`,
    );
  } finally {
    await chain.close();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
