/**
 * The read-proof checker on real tries (built with the same smoldot code that checks them)
 * under real headers, and against nodes crafted to make the check itself the attack.
 */
import * as executor from '@acala-network/chopsticks-executor';
import { TypeRegistry } from '@polkadot/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, randomAsU8a } from '@polkadot/util-crypto';
import { describe, expect, it } from 'vitest';
import { verifyStateProof } from './stateProof.js';

const registry = new TypeRegistry();

/** A proof of `entries` (0x-hex key → bytes) under a header for block 7, and its hash. */
async function proofOf(entries: Record<string, Uint8Array>) {
  const updates = new Map(Object.entries(entries).map(([k, v]) => [k, u8aToHex(v)]));
  const [stateRoot, nodes] = (await executor.create_proof([], updates)) as [string, string[]];
  const header = registry.createType('Header', {
    parentHash: randomAsU8a(32),
    number: 7,
    stateRoot,
    extrinsicsRoot: randomAsU8a(32),
    digest: { logs: [] },
  });
  return { proof: { header: header.toHex(), nodes }, block: header.hash.toU8a() };
}

/**
 * `depth` branch nodes, each naming the next one as all 16 of its children, over one leaf:
 * a few kilobytes whose naive walk visits 16^depth paths.
 */
function pathBomb(depth: number): string[] {
  const leaf = u8aConcat(new Uint8Array([0x40, 40 << 2]), new Uint8Array(40).fill(7));
  const nodes: Uint8Array[] = [leaf];
  let child = blake2AsU8a(leaf, 256);
  for (let i = 0; i < depth; i++) {
    const parts: Uint8Array[] = [new Uint8Array([0x80, 0xff, 0xff])];
    for (let c = 0; c < 16; c++) parts.push(new Uint8Array([32 << 2]), child);
    const branch = u8aConcat(...parts);
    nodes.push(branch);
    child = blake2AsU8a(branch, 256);
  }
  return nodes.map((n) => u8aToHex(n));
}

describe('verifyStateProof', () => {
  it('shows the values under the trusted header, and nothing else', async () => {
    const value = randomAsU8a(80);
    const { proof, block } = await proofOf({ '0x0102': value, '0x0103': new Uint8Array([5]) });
    const state = await verifyStateProof(proof, block);
    expect(state.number).toBe(7);
    expect(state.blockHash).toBe(u8aToHex(block));
    expect(state.get(new Uint8Array([1, 2]))).toEqual(value);
    expect(state.get(new Uint8Array([1, 4]))).toBeUndefined();
  });

  it('refuses a header of another block, and one with bytes after it', async () => {
    const { proof, block } = await proofOf({ '0x0102': new Uint8Array([1]) });
    await expect(verifyStateProof(proof, randomAsU8a(32))).rejects.toMatchObject({
      code: 'PROOF_BLOCK_MISMATCH',
    });
    const longer = `${proof.header}00`;
    await expect(
      verifyStateProof(
        { ...proof, header: longer },
        blake2AsU8a(Buffer.from(longer.slice(2), 'hex'), 256),
      ),
    ).rejects.toMatchObject({ code: 'PROOF_MALFORMED' });
    // The honest proof still passes.
    await expect(verifyStateProof(proof, block)).resolves.toBeDefined();
  });

  it('refuses nodes that do not decode', async () => {
    const { proof, block } = await proofOf({ '0x0102': new Uint8Array([1]) });
    await expect(
      verifyStateProof({ ...proof, nodes: [...proof.nodes, '0x00ff'] }, block),
    ).rejects.toMatchObject({ code: 'PROOF_MALFORMED' });
    await expect(
      verifyStateProof({ ...proof, nodes: [...proof.nodes, proof.nodes[0]!] }, block),
    ).rejects.toMatchObject({ code: 'PROOF_MALFORMED' });
  });

  it('gives up on nodes built to make the walk exponential, and checks the next proof as before', async () => {
    const { proof, block } = await proofOf({ '0x0102': new Uint8Array([1]) });
    const bomb = { ...proof, nodes: [...proof.nodes, ...pathBomb(8)] };
    // 16^8 paths from 4 kB: the walk is stopped at its deadline (or runs out of memory
    // first), whichever the machine reaches; either way the proof is refused.
    expect(bomb.nodes.join('').length / 2).toBeLessThan(5_000);
    await expect(verifyStateProof(bomb, block, { timeoutMs: 2_000 })).rejects.toMatchObject({
      code: 'PROOF_MALFORMED',
    });
    expect((await verifyStateProof(proof, block)).get(new Uint8Array([1, 2]))).toEqual(
      new Uint8Array([1]),
    );
  });
});
