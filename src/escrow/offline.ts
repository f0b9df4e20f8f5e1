/**
 * The air-gapped escrow member (issue 13, decisions 0008 and 0009): three steps, so that
 * the member's keys never touch a networked machine.
 *
 * 1. `custos escrow export` (online, no key): {@link buildEscrowExport} writes the approved
 *    cold requests this member may release to, at one finalized block, with what the
 *    offline step needs to check each (the owner's restart key, the recovery keys and the
 *    restart key's signature from the request's extrinsic, the member's part of the
 *    owner's deposit) and a read proof of every value they depend on.
 * 2. `custos escrow sign` (offline, member key file): {@link signEscrowExport} checks the
 *    file is for this member and chain; with `--block` (a block hash its operator read
 *    from a source of its own) it checks the proof against that block and each request
 *    against the proven state (see `provenRequests.ts`); it checks each request's
 *    signature under the restart key, opens the member's share (it opens only under that
 *    same restart key, which the owner bound into its deposit, and must match the
 *    deposit's commitment), seals it to the request's escrow key and signs the release.
 * 3. `custos escrow submit` (online, no key): {@link submitSignedReleases} sends the
 *    releases; the chain checks the member's signature, the approval, the request's
 *    lifetime and the owner's latest incarnation again.
 *
 * One file can carry requests whose deposits were made for different committees (the one
 * in force and ones governance replaced while owners were down): each request names the
 * generation, the member's index in it and the sealing key that committee registers.
 *
 * What the offline step cannot check: freshness (an old, real finalized block passes; the
 * chain refuses a superseded or expired request at step 3), that the member has not
 * released already (a proof never shows an absence; the chain refuses a second release),
 * and the restart quote itself (the proven attestation record shows the chain verified
 * it). Under `--trust-export` (a node that serves no proofs) it checks no proof at all: a
 * networked machine that lies can then hand it a request signed by the owner's restart
 * key, though it still cannot make it seal the real share to a key that restart key did
 * not sign.
 */
import type { ApiPromise } from '@polkadot/api';
import { TypeRegistry } from '@polkadot/types';
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import type { StateProofError } from '../chain/errors.js';
import { DispatchFailedError, TransactionRejectedError } from '../chain/errors.js';
import {
  SEALED_ESCROW_SHARE_BYTES,
  signEscrowRelease,
  submitEscrowRelease,
} from '../chain/escrow.js';
import { type ProvenState, readStateProof, verifyStateProof } from '../chain/stateProof.js';
import { zeroize } from '../crypto/aead.js';
import { InvalidKeyMaterialError } from '../errors/crypto.js';
import { EscrowError, EscrowOfflineError } from '../errors/escrow.js';
import { approvedRequestsFor, signedByRestartKey } from './approved.js';
import type { EscrowMemberKeys } from './memberKeys.js';
import { checkProvenRequest, provenGenesis, provenStorageKeys } from './provenRequests.js';
import { openDepositShare, sealEscrowRelease } from './shares.js';

/** Format tag of an export file. */
export const EXPORT_FORMAT = 'custos/escrow-export/3';
/** Format tag of a releases file. */
export const RELEASES_FORMAT = 'custos/escrow-releases/3';
/**
 * Largest export or releases file read (a full mass outage of 1,000 owners, with its state
 * proof, fits).
 */
export const MAX_OFFLINE_FILE_BYTES = 32 * 1024 * 1024;
/** Most trie nodes one export's proof carries. */
const MAX_PROOF_NODES = 200_000;
/** Largest trie node (hex characters) read: a deposit of the runtime's 16 members is 2.4 kB. */
const MAX_PROOF_NODE_HEX = 2 + 2 * 64 * 1024;
/** Most requests one file carries (the runtime's `MaxValidators`). */
export const MAX_OFFLINE_REQUESTS = 1_000;
/** Most recovery keys one request names (the runtime's `MaxRecoveryKeys`, with margin). */
const MAX_RECOVERY_KEYS = 64;

const hexOf = (bytes: number) =>
  z
    .string()
    .regex(new RegExp(`^0x[0-9a-f]{${bytes * 2}}$`), `must be ${bytes} bytes of lowercase 0x-hex`);
const u32 = z.number().int().min(0).max(0xffff_ffff);
const proofHex = (maxChars: number) =>
  z
    .string()
    .max(maxChars)
    .regex(/^0x(?:[0-9a-f]{2})*$/, 'must be lowercase 0x-hex bytes');
// An SS58 string of a 32-byte account is at most 50 characters; the length is checked
// before the (quadratic) base58 decoding, so a huge string costs nothing (zod runs a
// refinement even after a failed `max`).
const account = z
  .string()
  .max(64)
  .refine((s) => {
    if (s.length > 64) return false;
    try {
      return decodeAddress(s).length === 32;
    } catch {
      return false;
    }
  }, 'must be an SS58 account');

const exportedRequestSchema = z
  .object({
    owner: account,
    incarnation: u32.min(1),
    epoch: u32,
    restartKey: hexOf(32),
    escrowKey: hexOf(32),
    recoveryKeys: z.array(hexOf(32)).max(MAX_RECOVERY_KEYS),
    requestSignature: hexOf(64),
    requestedAt: u32,
    approvedAt: u32,
    deposit: z
      .object({
        generation: u32,
        memberIndex: u32.max(255),
        sealingKey: hexOf(32),
        sealedShare: hexOf(SEALED_ESCROW_SHARE_BYTES),
        commitment: hexOf(32),
      })
      .strict(),
  })
  .strict();

const exportSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    genesisHash: hexOf(32),
    finalized: z.object({ number: u32, hash: hexOf(32) }).strict(),
    member: z.object({ account }).strict(),
    requests: z.array(exportedRequestSchema).max(MAX_OFFLINE_REQUESTS),
    /**
     * The finalized block's header and the trie nodes proving every value the requests
     * depend on, or null when the node served no read proofs (Chopsticks does not).
     */
    proof: z
      .object({
        header: proofHex(4096),
        nodes: z.array(proofHex(MAX_PROOF_NODE_HEX)).max(MAX_PROOF_NODES),
      })
      .strict()
      .nullable(),
  })
  .strict();

/** An export file: approved requests for one member at one finalized block. */
export type EscrowExport = z.infer<typeof exportSchema>;
/** One request of an {@link EscrowExport}. */
export type ExportedRequest = z.infer<typeof exportedRequestSchema>;

const releasesSchema = z
  .object({
    format: z.literal(RELEASES_FORMAT),
    genesisHash: hexOf(32),
    member: z.object({ account }).strict(),
    /** The block whose proven state every release was checked against, or null (trusted). */
    provenAt: z
      .object({ number: u32, hash: hexOf(32) })
      .strict()
      .nullable(),
    releases: z
      .array(
        z
          .object({
            owner: account,
            incarnation: u32.min(1),
            memberIndex: u32.max(255),
            sealed: hexOf(SEALED_ESCROW_SHARE_BYTES),
            signature: hexOf(64),
          })
          .strict(),
      )
      .max(MAX_OFFLINE_REQUESTS),
    refused: z
      .array(
        z
          .object({
            request: z.string().max(200),
            code: z.string().max(64),
            reason: z.string().max(500),
          })
          .strict(),
      )
      .max(MAX_OFFLINE_REQUESTS),
  })
  .strict();

/** A releases file: what `custos escrow sign` produced for `custos escrow submit`. */
export type EscrowReleasesFile = z.infer<typeof releasesSchema>;

/**
 * Parses `text` as `schema`, or throws {@link EscrowOfflineError} `FILE_MALFORMED` naming
 * the first bad field (`requests.2.escrowKey: must be 32 bytes …`).
 */
function parseFile<T>(text: string, schema: z.ZodType<T>, what: string): T {
  if (Buffer.byteLength(text) > MAX_OFFLINE_FILE_BYTES)
    throw new EscrowOfflineError(
      'FILE_TOO_LARGE',
      `${what}: more than ${MAX_OFFLINE_FILE_BYTES} bytes`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EscrowOfflineError('FILE_MALFORMED', `${what}: not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    throw new EscrowOfflineError('FILE_MALFORMED', `${what}: ${field}: ${issue.message}`);
  }
  return parsed.data;
}

/** Parses an export file (see {@link parseFile} for the errors). */
export function parseEscrowExport(text: string): EscrowExport {
  return parseFile(text, exportSchema, 'export');
}

/** Parses a releases file (see {@link parseFile} for the errors). */
export function parseReleasesFile(text: string): EscrowReleasesFile {
  return parseFile(text, releasesSchema, 'releases');
}

/**
 * Step 1 (online, no key): the export for member `memberAccount` at the finalized head,
 * with a read proof of every value its requests depend on (see
 * {@link provenStorageKeys}) when the node serves one; `proofUnavailable` says why not
 * otherwise (the file then carries `proof: null`, and `sign` refuses it unless its
 * operator passes `--trust-export`). Throws {@link EscrowOfflineError} `NOT_A_MEMBER` when
 * the account is in no committee whose deposits are served (the one in force or a retired
 * one deposits still name). Requests whose extrinsic cannot be found are left out and
 * listed in `skipped`.
 */
export async function buildEscrowExport(
  api: ApiPromise,
  memberAccount: string,
): Promise<{
  file: EscrowExport;
  skipped: { request: string; reason: string }[];
  proofUnavailable?: string;
}> {
  const approved = await approvedRequestsFor(api, decodeAddress(memberAccount));
  if (approved.memberships.length === 0)
    throw new EscrowOfflineError(
      'NOT_A_MEMBER',
      `${memberAccount} is in no escrow committee whose deposits are served (finalized block ${approved.finalized.number})`,
    );
  const requests: ExportedRequest[] = approved.requests.map((r) => ({
    owner: r.owner,
    incarnation: r.incarnation,
    epoch: r.epoch,
    restartKey: u8aToHex(r.restartKey),
    escrowKey: u8aToHex(r.escrowKey),
    recoveryKeys: r.recoveryKeys.map((k) => u8aToHex(k)),
    requestSignature: u8aToHex(r.requestSignature),
    requestedAt: r.requestedAt,
    approvedAt: r.approvedAt,
    deposit: {
      generation: r.deposit.generation,
      memberIndex: r.deposit.memberIndex,
      sealingKey: u8aToHex(r.deposit.sealingKey),
      sealedShare: u8aToHex(r.deposit.sealedShare),
      commitment: u8aToHex(r.deposit.commitment),
    },
  }));
  const at = await api.at(approved.finalized.hash);
  const proved: { owner: string; epoch: number; operator: Uint8Array }[] = [];
  for (const r of approved.requests) {
    const operator = await at.query.registry.tssOperators(r.owner);
    if (operator.isSome) proved.push({ ...r, operator: operator.unwrap().toU8a() });
  }
  const read = await readStateProof(
    api,
    provenStorageKeys(
      approved.memberships.map((m) => m.generation),
      proved,
    ),
    approved.finalized.hash,
  );
  return {
    file: {
      format: EXPORT_FORMAT,
      genesisHash: api.genesisHash.toHex(),
      finalized: approved.finalized,
      member: { account: api.createType('AccountId32', memberAccount).toString() },
      requests,
      proof: 'proof' in read ? read.proof : null,
    },
    skipped: approved.skipped,
    ...('unavailable' in read ? { proofUnavailable: read.unavailable } : {}),
  };
}

/** How `sign` knows the export shows the chain's state. */
export type ExportTrust =
  /**
   * The hash of a GRANDPA-finalized block its operator read from a full node it runs (never
   * from the networked machine that made the export): the export's proof must be for that
   * block, and every request is checked against the state it proves.
   */
  | { trustedBlock: Uint8Array }
  /** No proof is checked: the export is taken as the networked machine wrote it. */
  | { trustExport: true };

/**
 * Step 2 (offline): checks an export against the member's keys and makes its releases.
 *
 * Throws {@link EscrowOfflineError}, and produces nothing, for a file that is not for this
 * member (`WRONG_MEMBER`) or not for the chain `expectedGenesis` names (`WRONG_CHAIN`: the
 * operator pins it, so a file for a test network cannot pass), and, under
 * `{ trustedBlock }`, for a file without a proof (`PROOF_MISSING`), a proof of another
 * block or one that does not decode ({@link StateProofError}), or a proven state that
 * does not record that genesis (`WRONG_CHAIN`, or `NOT_PROVEN` when the proof omits it).
 *
 * Each request that fails a check is listed in `refused` with its code and no release:
 * `DUPLICATE_REQUEST` (every request of an owner named twice), `SEALING_KEY_MISMATCH` (its
 * committee registers another sealing key for this member); under `{ trustedBlock }`, the
 * {@link checkProvenRequest} codes (`NOT_PROVEN`, `STATE_MISMATCH`, `NOT_APPROVED`,
 * `SUPERSEDED`, `KEYS_NOT_ATTESTED`); then `REQUEST_SIGNATURE_INVALID` (its escrow or
 * recovery keys are not what the restart key signed), `SHARE_UNOPENABLE` (the deposit
 * share does not open under this owner, restart key, epoch and generation),
 * `COMMITMENT_MISMATCH`, `ESCROW_KEY_INVALID` (a low-order escrow key), `SEAL_FAILED`.
 * Shares are zeroised after sealing.
 */
export async function signEscrowExport(
  file: EscrowExport,
  keys: EscrowMemberKeys,
  expectedGenesis: Uint8Array,
  trust: ExportTrust,
): Promise<EscrowReleasesFile> {
  const genesisHash = hexToU8a(file.genesisHash);
  if (!u8aEq(expectedGenesis, genesisHash))
    throw new EscrowOfflineError(
      'WRONG_CHAIN',
      `export is for genesis ${file.genesisHash}, expected ${u8aToHex(expectedGenesis)}`,
    );
  if (!u8aEq(decodeAddress(file.member.account), keys.signer.publicKey))
    throw new EscrowOfflineError(
      'WRONG_MEMBER',
      `export is for member ${file.member.account}, this key file is ${keys.signer.address}`,
    );
  let proven: ProvenState | undefined;
  if ('trustedBlock' in trust) {
    if (!file.proof)
      throw new EscrowOfflineError(
        'PROOF_MISSING',
        'the export carries no state proof (its node served none)',
        'export from a full node, or pass --trust-export to rely on the networked machine',
      );
    proven = await verifyStateProof(file.proof, trust.trustedBlock);
    const recorded = provenGenesis(proven);
    if (!recorded)
      throw new EscrowOfflineError('NOT_PROVEN', 'the proof does not show the chain’s genesis');
    if (!u8aEq(recorded, expectedGenesis))
      throw new EscrowOfflineError(
        'WRONG_CHAIN',
        `the proven state records genesis ${u8aToHex(recorded)}, expected ${u8aToHex(expectedGenesis)}`,
      );
  }
  const chain = { registry: new TypeRegistry(), genesisHash };
  const out: EscrowReleasesFile = {
    format: RELEASES_FORMAT,
    genesisHash: file.genesisHash,
    member: { account: file.member.account },
    provenAt: proven ? { number: proven.number, hash: proven.blockHash } : null,
    releases: [],
    refused: [],
  };
  // The chain keeps one request per owner: an export naming an owner twice is lying about
  // one of them, and the member cannot tell which, so it releases to neither.
  const times = new Map<string, number>();
  for (const r of file.requests) {
    const key = u8aToHex(decodeAddress(r.owner));
    times.set(key, (times.get(key) ?? 0) + 1);
  }
  for (const r of file.requests) {
    const name = `${r.owner}/${r.incarnation}`;
    const refuse = (code: string, reason: string) =>
      out.refused.push({ request: name, code, reason: reason.slice(0, 500) });
    if (times.get(u8aToHex(decodeAddress(r.owner)))! > 1) {
      refuse('DUPLICATE_REQUEST', 'the export names this owner more than once');
      continue;
    }
    const { memberIndex, generation } = r.deposit;
    if (!u8aEq(hexToU8a(r.deposit.sealingKey), keys.sealingKey)) {
      refuse(
        'SEALING_KEY_MISMATCH',
        `committee ${generation} registers a sealing key for this member that is not this key file’s`,
      );
      continue;
    }
    const unproven = proven && checkProvenRequest(proven, r, keys.signer.publicKey);
    if (unproven) {
      refuse(unproven.code, unproven.reason);
      continue;
    }
    const restartKey = hexToU8a(r.restartKey);
    const escrowKey = hexToU8a(r.escrowKey);
    if (
      !signedByRestartKey(chain, {
        owner: r.owner,
        incarnation: r.incarnation,
        recoveryKeys: r.recoveryKeys.map((k) => hexToU8a(k)),
        escrowKey,
        restartKey,
        signature: hexToU8a(r.requestSignature),
      })
    ) {
      refuse(
        'REQUEST_SIGNATURE_INVALID',
        'the restart key did not sign this request’s escrow and recovery keys',
      );
      continue;
    }
    let held: Uint8Array | undefined;
    try {
      held = await openDepositShare(
        hexToU8a(r.deposit.sealedShare),
        hexToU8a(r.deposit.commitment),
        keys.sealingPrivateKey,
        {
          genesisHash,
          owner: r.owner,
          restartKey,
          epoch: r.epoch,
          generation,
        },
        memberIndex,
      );
      const sealed = await sealEscrowRelease(
        held,
        escrowKey,
        genesisHash,
        r.owner,
        r.incarnation,
        memberIndex,
      );
      const signed = signEscrowRelease(chain, {
        member: keys.signer,
        memberIndex,
        owner: r.owner,
        incarnation: r.incarnation,
        sealed,
      });
      out.releases.push({
        owner: r.owner,
        incarnation: r.incarnation,
        memberIndex,
        sealed: u8aToHex(signed.sealed),
        signature: u8aToHex(signed.signature),
      });
    } catch (error) {
      // One request's failure never stops the others (nor leaves the file half written).
      if (error instanceof EscrowError) refuse(error.code, error.message);
      else if (error instanceof InvalidKeyMaterialError)
        refuse('ESCROW_KEY_INVALID', `escrowKey: ${error.message}`);
      else refuse('SEAL_FAILED', error instanceof Error ? error.message : String(error));
    } finally {
      if (held) zeroize(held);
    }
  }
  return out;
}

/** What {@link submitSignedReleases} did with each release. */
export interface SubmitOutcome {
  request: string;
  /** `released` with its block, or the chain's refusal (`backups.…`) or error. */
  result: 'released' | 'refused';
  detail: string;
}

/**
 * Step 3 (online, no key): submits every release of `file` to the chain it names. Throws
 * {@link EscrowOfflineError} `WRONG_CHAIN` when the node's genesis differs (nothing sent).
 * A release the chain refuses (not approved, already released, superseded, a bad
 * signature) is reported and the rest still go.
 */
export async function submitSignedReleases(
  api: ApiPromise,
  file: EscrowReleasesFile,
): Promise<SubmitOutcome[]> {
  if (api.genesisHash.toHex() !== file.genesisHash)
    throw new EscrowOfflineError(
      'WRONG_CHAIN',
      `releases are for genesis ${file.genesisHash}, the node's is ${api.genesisHash.toHex()}`,
    );
  const outcomes: SubmitOutcome[] = [];
  for (const r of file.releases) {
    const request = `${r.owner}/${r.incarnation}`;
    try {
      const { blockHash } = await submitEscrowRelease(api, {
        memberIndex: r.memberIndex,
        owner: r.owner,
        incarnation: r.incarnation,
        sealed: hexToU8a(r.sealed),
        signature: hexToU8a(r.signature),
      });
      outcomes.push({ request, result: 'released', detail: `in block ${blockHash}` });
    } catch (error) {
      outcomes.push({
        request,
        result: 'refused',
        detail:
          (error instanceof TransactionRejectedError || error instanceof DispatchFailedError) &&
          error.palletError
            ? error.palletError
            : error instanceof Error
              ? error.message
              : String(error),
      });
    }
  }
  return outcomes;
}
