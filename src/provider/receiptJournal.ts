import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { z } from 'zod';
import { type Sr25519Signer, sr25519Signed } from '../crypto/signatures.js';
import type { Receipt } from './receiptQueue.js';

/** The journal's file name in the data dir. */
export const RECEIPT_JOURNAL_FILE = 'provider-receipts.json';
/** Format tag of the file, also the first part of what its signature covers. */
const FORMAT = 'custos/receipt-journal/1';
/** Most receipts the journal keeps (a provider serves at most `max_load` owners). */
export const MAX_JOURNALED_RECEIPTS = 4_096;
/** Largest journal file read. */
const MAX_FILE_BYTES = 1024 * 1024;

const fileSchema = z
  .object({
    format: z.literal(FORMAT),
    receipts: z
      .array(
        z
          .object({
            owner: z.string().min(1).max(64),
            incarnation: z.number().int().min(0).max(0xffff_ffff),
          })
          .strict(),
      )
      .max(MAX_JOURNALED_RECEIPTS),
    signature: z.string().regex(/^0x[0-9a-f]{128}$/),
  })
  .strict();

/**
 * The release receipts a provider still has to record on chain, kept in its data dir so
 * that a restart does not lose them (the chain refuses one already recorded, or for an
 * incarnation that is no longer the owner's, so a stale entry costs one refused
 * submission).
 *
 * The file holds nothing secret (owners and incarnations), but the host can rewrite the
 * disk, so it is signed with the provider's own TSS key over the format tag, the genesis
 * hash, the provider's key and the entries: a host can delete the file or put back an
 * older one (receipts then go missing, or are refused as duplicates), never make the
 * provider sign a receipt for a release it did not make. A file that is malformed, too
 * large, or not signed by this provider for this chain is reported through `onRefused`
 * and read as empty. Writes replace the file atomically (write, then rename), so a crash
 * leaves the old file or the new one, never a torn one.
 */
export class ReceiptJournal {
  constructor(
    private readonly path: string,
    private readonly signer: Sr25519Signer,
    private readonly genesisHash: Uint8Array,
    private readonly onRefused: (reason: string) => void,
  ) {}

  #signed(receipts: Receipt[]): Uint8Array {
    return u8aConcat(
      stringToU8a(FORMAT),
      this.genesisHash,
      this.signer.publicKey,
      blake2AsU8a(stringToU8a(JSON.stringify(receipts)), 256),
    );
  }

  /** The receipts the last {@link save} wrote; empty when there is no usable file. */
  load(): Receipt[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.onRefused(`${this.path}: not readable (${(error as Error).message})`);
      return [];
    }
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
      this.onRefused(`${this.path}: more than ${MAX_FILE_BYTES} bytes`);
      return [];
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.onRefused(`${this.path}: not JSON`);
      return [];
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      this.onRefused(`${this.path}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
      return [];
    }
    const receipts = parsed.data.receipts.map((r) => ({
      owner: r.owner,
      incarnation: r.incarnation,
    }));
    const message = blake2AsU8a(this.#signed(receipts), 256);
    if (!sr25519Signed(message, hexToU8a(parsed.data.signature), this.signer.publicKey)) {
      this.onRefused(`${this.path}: not signed by this provider for this chain`);
      return [];
    }
    return receipts;
  }

  /** Replaces the file with `receipts` (at most {@link MAX_JOURNALED_RECEIPTS}), signed. */
  save(receipts: readonly Receipt[]): void {
    const kept = receipts
      .slice(0, MAX_JOURNALED_RECEIPTS)
      .map((r) => ({ owner: r.owner, incarnation: r.incarnation }));
    const signature = this.signer.sign(blake2AsU8a(this.#signed(kept), 256));
    const text = `${JSON.stringify({ format: FORMAT, receipts: kept, signature: u8aToHex(signature) })}\n`;
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
