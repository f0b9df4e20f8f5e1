import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/**
 * The payloads the backups pallet checks signatures over. Each is the SCALE encoding of a
 * domain tag (as `Vec<u8>`), the genesis hash and the call's fields; the signer signs its
 * blake2-256. Mirrors `pallet_custos_backups::{ack_payload, Pallet::*_payload}`.
 */
const TAGS = {
  ack: 'custos/backup-ack/2',
  confirm: 'custos/backup-confirm/1',
  checkpoint: 'custos/backup-checkpoint/1',
  release: 'custos/backup-release/1',
  rollback: 'custos/backup-rollback/1',
} as const;

/** A provider's acknowledgement as the chain takes it. */
export interface Acknowledgement {
  provider: string;
  /** The provider's incarnation when it took the share (the chain refuses older ones). */
  providerIncarnation: number;
  shareCommitment: Uint8Array;
  signature: Uint8Array;
}

function tag(name: keyof typeof TAGS): string {
  return u8aToHex(new TextEncoder().encode(TAGS[name]));
}

/** Signs `payload` the way the pallet verifies: sr25519 over blake2-256(payload). */
export function signPayload(signer: KeyringPair, payload: Uint8Array): Uint8Array {
  return signer.sign(blake2AsU8a(payload, 256));
}

/** What a provider at `providerIncarnation` signs to acknowledge its share of `owner`'s `epoch`. */
export function ackPayload(
  api: ApiPromise,
  owner: string,
  epoch: number,
  providerIncarnation: number,
  shareCommitment: Uint8Array,
): Uint8Array {
  return api
    .createType('(Bytes, H256, AccountId32, u32, u32, [u8; 32])', [
      tag('ack'),
      api.genesisHash,
      owner,
      epoch,
      providerIncarnation,
      u8aToHex(shareCommitment),
    ])
    .toU8a();
}

/** SCALE encoding of a list of acknowledgements, as the call carries it. */
export function encodeAcks(api: ApiPromise, acks: Acknowledgement[]): Uint8Array {
  return api
    .createType(
      'Vec<PalletCustosBackupsAcknowledgement>',
      acks.map((a) => ({
        provider: a.provider,
        providerIncarnation: a.providerIncarnation,
        shareCommitment: u8aToHex(a.shareCommitment),
        signature: u8aToHex(a.signature),
      })),
    )
    .toU8a();
}

/** What an owner signs to confirm `epoch` with `acks` and `storeVersion`. */
export function confirmPayload(
  api: ApiPromise,
  owner: string,
  epoch: number,
  storeVersion: bigint,
  acks: Acknowledgement[],
): Uint8Array {
  return api
    .createType('(Bytes, H256, AccountId32, u32, u64, [u8; 32])', [
      tag('confirm'),
      api.genesisHash,
      owner,
      epoch,
      storeVersion,
      u8aToHex(blake2AsU8a(encodeAcks(api, acks), 256)),
    ])
    .toU8a();
}

/** What an owner signs to anchor `storeVersion`. */
export function checkpointPayload(
  api: ApiPromise,
  owner: string,
  storeVersion: bigint,
): Uint8Array {
  return api
    .createType('(Bytes, H256, AccountId32, u64)', [
      tag('checkpoint'),
      api.genesisHash,
      owner,
      storeVersion,
    ])
    .toU8a();
}

/** What a provider signs to record a release to `owner`'s `incarnation`. */
export function releasePayload(
  api: ApiPromise,
  provider: string,
  owner: string,
  incarnation: number,
): Uint8Array {
  return api
    .createType('(Bytes, H256, AccountId32, AccountId32, u32)', [
      tag('release'),
      api.genesisHash,
      provider,
      owner,
      incarnation,
    ])
    .toU8a();
}

/** What an owner signs to accept a rollback of its store to `storeVersion`. */
export function rollbackPayload(
  api: ApiPromise,
  owner: string,
  incarnation: number,
  storeVersion: bigint,
): Uint8Array {
  return api
    .createType('(Bytes, H256, AccountId32, u32, u64)', [
      tag('rollback'),
      api.genesisHash,
      owner,
      incarnation,
      storeVersion,
    ])
    .toU8a();
}
