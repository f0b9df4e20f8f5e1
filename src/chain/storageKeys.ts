/**
 * Raw storage keys of the few items an offline tool proves (see `stateProof.ts`), built
 * without metadata: `twox128(pallet) ‖ twox128(item) ‖ hashed map keys`, with each map's
 * hasher as the pallets declare it. `storageKeys.test.ts` checks every builder against the
 * keys polkadot.js derives from the committed runtime's metadata.
 */
import { u8aConcat } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';

const item = (pallet: string, name: string) =>
  u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(name, 128));
const blake2_128Concat = (key: Uint8Array) => u8aConcat(blake2AsU8a(key, 128), key);
const twox64Concat = (key: Uint8Array) => u8aConcat(xxhashAsU8a(key, 64), key);
const u32 = (n: number) => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
};

/** Storage keys by item; accounts are their 32 raw bytes. */
export const storageKeys = {
  /** `Attestation::GenesisHash`: block 0's hash, recorded in block 1. */
  genesisHash: () => item('Attestation', 'GenesisHash'),
  /** `Attestation::Attestations(owner)`: the owner's latest attestation record. */
  attestation: (owner: Uint8Array) =>
    u8aConcat(item('Attestation', 'Attestations'), blake2_128Concat(owner)),
  /** `Registry::TssOperators(owner)`: the validator operator of a TSS account. */
  tssOperator: (owner: Uint8Array) =>
    u8aConcat(item('Registry', 'TssOperators'), blake2_128Concat(owner)),
  /** `Registry::Validators(operator)`: a registered validator (its server's restart key). */
  validator: (operator: Uint8Array) =>
    u8aConcat(item('Registry', 'Validators'), blake2_128Concat(operator)),
  /** `Backups::ColdRequests(owner)`: the owner's open cold recovery request. */
  coldRequest: (owner: Uint8Array) =>
    u8aConcat(item('Backups', 'ColdRequests'), blake2_128Concat(owner)),
  /** `Backups::EscrowDeposits(owner, epoch)`: the owner's escrow deposit of an epoch. */
  escrowDeposit: (owner: Uint8Array, epoch: number) =>
    u8aConcat(item('Backups', 'EscrowDeposits'), blake2_128Concat(owner), twox64Concat(u32(epoch))),
  /** `Backups::Committee`: the escrow committee in force. */
  committee: () => item('Backups', 'Committee'),
  /** `Backups::RetiredCommittees(generation)`: a replaced committee deposits still name. */
  retiredCommittee: (generation: number) =>
    u8aConcat(item('Backups', 'RetiredCommittees'), twox64Concat(u32(generation))),
};
