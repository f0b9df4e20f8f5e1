import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Logger } from 'pino';
import { TransactionRejectedError } from '../chain/errors.js';
import { depositEscrow, registeredRestartKey, requestColdRecovery } from '../chain/escrow.js';
import type { HpkeKeyPair } from '../crypto/hpke.js';
import { EscrowError } from '../errors/escrow.js';
import { FencedError } from '../errors/service.js';
import { type DepositContext, makeEscrowDeposit, recoverKekFromEscrow } from '../escrow/shares.js';

/** The escrow committee in force, as an owner needs it. */
export interface EscrowCommitteeView {
  generation: number;
  threshold: number;
  /** Members' x25519 keys, in share order. */
  sealingKeys: Uint8Array[];
}

/** The committee in force at `blockHash` (default: best), or undefined when none. */
export async function escrowCommittee(
  api: ApiPromise,
  blockHash?: string,
): Promise<EscrowCommitteeView | undefined> {
  const at = blockHash ? await api.at(blockHash) : api;
  const committee = await at.query.backups.committee();
  if (committee.isNone) return undefined;
  const c = committee.unwrap();
  return {
    generation: c.generation.toNumber(),
    threshold: c.threshold.toNumber(),
    sealingKeys: c.members.map((m) => m.sealingKey.toU8a()),
  };
}

/**
 * With an escrow committee on chain, escrows `kek` for `owner`'s `epoch` before the epoch
 * is confirmed (the chain refuses the confirmation otherwise). `done` remembers, for as
 * long as `kek` is the same, which (epoch, generation) this process already deposited, so
 * a retried round does not deposit again. Without a committee it does nothing.
 */
export async function ensureEscrowDeposit(
  api: ApiPromise,
  p: {
    owner: KeyringPair;
    /**
     * The owner's registered restart key (public): the shares open only under it. Read
     * from the registry when not given.
     */
    restartKey?: Uint8Array;
    kek: Uint8Array;
    epoch: number;
    done?: Set<string>;
  },
): Promise<void> {
  const committee = await escrowCommittee(api);
  if (!committee) return;
  const key = `${p.epoch}/${committee.generation}`;
  if (p.done?.has(key)) return;
  const restartKey = p.restartKey ?? (await registeredRestartKey(api, p.owner.address));
  if (!restartKey)
    throw new EscrowError(
      'NOT_REGISTERED',
      `owner ${p.owner.address} has no registered restart key`,
    );
  const context: DepositContext = {
    genesisHash: api.genesisHash.toU8a(),
    owner: p.owner.address,
    restartKey,
    epoch: p.epoch,
    generation: committee.generation,
  };
  // A replacement (this epoch escrowed before under another KEK, say before a crash) must
  // carry a higher sequence than the deposit on chain.
  const existing = await api.query.backups.escrowDeposits(p.owner.address, p.epoch);
  const sequence = existing.isSome ? existing.unwrap().sequence.toNumber() + 1 : 0;
  const deposit = await makeEscrowDeposit(p.kek, context, committee, sequence);
  await depositEscrow(api, { owner: p.owner, epoch: p.epoch, deposit });
  p.done?.add(key);
}

/** Parameters of {@link coldRecoverKek}. */
export interface ColdRecoveryParameters {
  owner: string;
  /** The incarnation the chain finalized for this restart. */
  incarnation: number;
  restartKey: KeyringPair;
  /** This restart's holder recovery keys (public halves are revealed). */
  recoveryKeys: HpkeKeyPair[];
  /** This restart's escrow key: members seal to it. */
  escrowKey: HpkeKeyPair;
  logger: Logger;
  pollMs: number;
}

/**
 * The cold path (docs/backups.md): asks for cold recovery on chain (fee-free, signed by
 * the restart key, revealing the recovery public keys the quote bound), then waits, in
 * finalized state, for governance's approval and the members' releases, and combines
 * `t_e` releases that open with the escrow key and match the deposit's commitments. Logs
 * once, with code `COLD_RECOVERY_PENDING` and the request id, that governance must approve.
 * Throws `FencedError` when a newer incarnation is final; never combines an unverified
 * share.
 */
export async function coldRecoverKek(
  api: ApiPromise,
  p: ColdRecoveryParameters,
): Promise<Uint8Array> {
  const escrowKey = p.escrowKey;
  const requestId = `${p.owner}/${p.incarnation}`;
  const existing = await api.query.backups.coldRequests(p.owner);
  if (existing.isNone || existing.unwrap().incarnation.toNumber() < p.incarnation) {
    try {
      await requestColdRecovery(api, {
        owner: p.owner,
        restartKey: p.restartKey,
        incarnation: p.incarnation,
        recoveryKeys: p.recoveryKeys.map((k) => k.publicKey),
        escrowKey: escrowKey.publicKey,
      });
    } catch (error) {
      if (
        !(
          error instanceof TransactionRejectedError &&
          error.palletError === 'backups.ColdRequestExists'
        )
      )
        throw error;
    }
  }
  p.logger.error(
    { code: 'COLD_RECOVERY_PENDING', request: requestId },
    'fewer than t holders still have their share: waiting for cold recovery; governance must approve the request (backups.approve_cold_recovery) and the escrow members release',
  );
  let lastBad = '';
  for (;;) {
    const finalized = await api.rpc.chain.getFinalizedHead();
    const at = await api.at(finalized);
    const [record, request, committee] = await Promise.all([
      at.query.attestation.attestations(p.owner),
      at.query.backups.coldRequests(p.owner),
      at.query.backups.committee(),
    ]);
    const finalIncarnation = record.isSome ? record.unwrap().incarnation.toNumber() : 0;
    if (finalIncarnation > p.incarnation) throw new FencedError(p.incarnation, finalIncarnation);
    if (
      request.isSome &&
      committee.isSome &&
      request.unwrap().incarnation.toNumber() === p.incarnation
    ) {
      const r = request.unwrap();
      const c = committee.unwrap();
      const deposit = await at.query.backups.escrowDeposits(p.owner, r.epoch);
      if (deposit.isSome) {
        const releases: { memberIndex: number; sealed: Uint8Array }[] = [];
        for (let memberIndex = 0; memberIndex < c.members.length; memberIndex++) {
          const release = await at.query.backups.escrowReleases(
            p.owner,
            p.incarnation,
            memberIndex,
          );
          if (release.isSome)
            releases.push({ memberIndex, sealed: release.unwrap().sealed.toU8a() });
        }
        if (releases.length >= c.threshold.toNumber()) {
          const d = deposit.unwrap();
          try {
            const recovered = await recoverKekFromEscrow(
              releases,
              escrowKey.privateKey,
              {
                commitments: d.commitments.map((x) => x.toU8a()),
                threshold: c.threshold.toNumber(),
              },
              {
                genesisHash: api.genesisHash.toU8a(),
                owner: p.owner,
                restartKey: p.restartKey.publicKey,
                epoch: r.epoch.toNumber(),
                generation: d.generation.toNumber(),
              },
              p.incarnation,
            );
            if (recovered.bad.length > 0)
              p.logger.error(
                { code: 'BAD_ESCROW_SHARE', members: recovered.bad, request: requestId },
                'escrow members released shares that do not match their commitments; recovered from the others',
              );
            return recovered.kek;
          } catch (error) {
            if (!(error instanceof EscrowError)) throw error;
            if (error.message !== lastBad) {
              lastBad = error.message;
              p.logger.warn(
                { request: requestId, reason: error.message },
                'escrow releases not enough yet; waiting for more',
              );
            }
          }
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, p.pollMs));
  }
}
