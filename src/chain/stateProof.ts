/**
 * Storage read proofs: how a tool that cannot reach the chain (an air-gapped escrow
 * member) trusts state a networked machine read for it.
 *
 * A {@link StateProof} is a block's SCALE-encoded header and the trie nodes a full node
 * returned for `state_getReadProof` at that block. {@link verifyStateProof} accepts it only
 * when the header hashes to a block hash the caller trusts (one its operator read from a
 * source of its own), and then yields only values whose trie path hashes up to that
 * header's state root. The trie walk is smoldot's proof decoder, through
 * `@acala-network/chopsticks-executor` (loaded only when a proof is checked).
 *
 * A proof shows values that are in the state; it never shows that a key is absent (a
 * missing value may just be a value the networked machine left out).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ApiPromise } from '@polkadot/api';
import { TypeRegistry } from '@polkadot/types';
import type { Header } from '@polkadot/types/interfaces';
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { StateProofError } from './errors.js';

/** A block header and the trie nodes that prove some of its state, all 0x-hex. */
export interface StateProof {
  /** The block's SCALE-encoded header. */
  header: string;
  /** Trie nodes from `state_getReadProof` at that block. */
  nodes: string[];
}

/** State of one block, as far as a verified proof shows it. */
export interface ProvenState {
  /** The block's number, from its (verified) header. */
  number: number;
  /** The block's hash: the trusted hash the proof was checked against. */
  blockHash: string;
  /**
   * The value stored at `key`, or undefined when the proof does not carry it (which does
   * not prove the key is empty).
   */
  get(key: Uint8Array): Uint8Array | undefined;
}

/**
 * Reads a proof of `keys` at block `at` from `api`'s node, or returns why it could not
 * (a node that serves no read proofs, such as Chopsticks, or a pruned block).
 */
export async function readStateProof(
  api: ApiPromise,
  keys: Uint8Array[],
  at: string,
): Promise<{ proof: StateProof } | { unavailable: string }> {
  try {
    const [read, header] = await Promise.all([
      // As hex: polkadot.js reads a bare Uint8Array storage key as length-prefixed.
      api.rpc.state.getReadProof(
        keys.map((key) => u8aToHex(key)),
        at,
      ),
      api.rpc.chain.getHeader(at),
    ]);
    return {
      proof: { header: header.toHex(), nodes: read.proof.map((node) => node.toHex()) },
    };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

const headerRegistry = new TypeRegistry();

/**
 * How long checking one proof's trie nodes may take. An honest export of 1,000 owners
 * takes milliseconds; a few kilobytes of nodes that name the same child many times over
 * make the decoder walk exponentially many paths (it walks every trie in the proof before
 * keeping the state root's), so the walk runs in a worker that is ended at this deadline.
 */
export const PROOF_TIMEOUT_MS = 30_000;

// The decoder in a worker of its own: plain CommonJS, given the package's resolved path.
const DECODE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const executor = require(workerData.executor);
executor.decode_proof(workerData.root, workerData.nodes).then(
  (entries) => parentPort.postMessage({ entries }),
  (error) => parentPort.postMessage({ error: String(error) }),
);
`;

/**
 * smoldot's proof decoder (through \`@acala-network/chopsticks-executor\`) in a worker
 * thread: the entries under \`root\` with a known value, or {@link StateProofError}
 * \`PROOF_MALFORMED\` when the nodes do not decode or the walk outlasts \`timeoutMs\` (the
 * worker, and the memory it took, are then dropped).
 */
function decodeInWorker(
  root: string,
  nodes: string[],
  timeoutMs: number,
): Promise<[string, string][]> {
  const malformed = (reason: string) =>
    new StateProofError('PROOF_MALFORMED', 'the trie nodes do not decode as a proof', reason);
  const worker = new Worker(DECODE_WORKER, {
    eval: true,
    workerData: {
      executor: createRequire(import.meta.url).resolve('@acala-network/chopsticks-executor'),
      root,
      nodes,
    },
  });
  return new Promise<[string, string][]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(malformed(`checking them took more than ${timeoutMs} ms`)),
      timeoutMs,
    );
    worker.once('message', (m: { entries?: [string, string][]; error?: string }) =>
      m.entries ? resolve(m.entries) : reject(malformed(m.error ?? 'no answer')),
    );
    worker.once('error', (error) => reject(malformed(error.message)));
    worker.once('exit', () => reject(malformed('the decoder stopped without an answer')));
    worker.once('exit', () => clearTimeout(timer));
  }).finally(() => {
    void worker.terminate();
  });
}

/**
 * Checks `proof` against `trustedBlockHash` and returns the state it shows.
 *
 * Throws {@link StateProofError} `PROOF_BLOCK_MISMATCH` when the header is not the trusted
 * block's (another block, or bytes changed), `PROOF_MALFORMED` when the header does not
 * decode exactly, the nodes do not decode as a trie proof, or checking them takes longer
 * than `timeoutMs` (default {@link PROOF_TIMEOUT_MS}). Nodes that do not hash up to the
 * header's state root show nothing: their values are simply absent from the result.
 */
export async function verifyStateProof(
  proof: StateProof,
  trustedBlockHash: Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<ProvenState> {
  const headerBytes = hexToU8a(proof.header);
  const blockHash = blake2AsU8a(headerBytes, 256);
  if (!u8aEq(blockHash, trustedBlockHash))
    throw new StateProofError(
      'PROOF_BLOCK_MISMATCH',
      'the proof is not for the trusted block',
      `its header hashes to ${u8aToHex(blockHash)}, the trusted block is ${u8aToHex(trustedBlockHash)}`,
    );
  let header: Header;
  try {
    header = headerRegistry.createType('Header', headerBytes);
  } catch (error) {
    throw new StateProofError(
      'PROOF_MALFORMED',
      'the header does not decode',
      error instanceof Error ? error.message : String(error),
    );
  }
  if (header.encodedLength !== headerBytes.length)
    throw new StateProofError(
      'PROOF_MALFORMED',
      'the header does not decode',
      `${headerBytes.length - header.encodedLength} bytes after it`,
    );
  const stateRoot = header.stateRoot.toHex();
  const number = header.number.toNumber();
  const entries = await decodeInWorker(
    stateRoot,
    proof.nodes,
    options.timeoutMs ?? PROOF_TIMEOUT_MS,
  );
  const values = new Map(entries.map(([key, value]) => [key.toLowerCase(), hexToU8a(value)]));
  return {
    number,
    blockHash: u8aToHex(blockHash),
    get: (key) => values.get(u8aToHex(key)),
  };
}
