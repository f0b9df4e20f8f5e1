import {
  existsSync,
  mkdirSync,
  readFileSync,
  statfsSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { HandoffNotInMemoryError } from '../errors/service.js';

const TMPFS_MAGIC = 0x01021994;
const RAMFS_MAGIC = 0x858458f6;

function path(dir: string, account: string): string {
  return join(dir, `${account}.kek`);
}

function assertInMemory(dir: string) {
  const type = statfsSync(dir).type;
  if (type !== TMPFS_MAGIC && type !== RAMFS_MAGIC) throw new HandoffNotInMemoryError(dir);
}

/**
 * Hands the first KEK from `custos init` to `custos start` through a memory-backed
 * directory (tmpfs/ramfs: inside a TD this is private guest memory, never the host's
 * disk). Refuses any other filesystem. The file is 0600. `custos start` reads it without
 * deleting it ({@link kekHandoff.read}) and discards it only once the chain confirmed the
 * first backup epoch, so a crash before that confirmation loses nothing.
 */
export const kekHandoff = {
  /** Leaves `kek` for `account`. */
  leave(dir: string, account: string, kek: Uint8Array): void {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    assertInMemory(dir);
    writeFileSync(path(dir, account), kek, { mode: 0o600 });
  },

  /** The KEK left for `account` (a copy; the file stays), or undefined if none. */
  read(dir: string, account: string): Uint8Array | undefined {
    const file = path(dir, account);
    if (!existsSync(file)) return undefined;
    assertInMemory(dir);
    const bytes = readFileSync(file);
    const kek = new Uint8Array(bytes);
    bytes.fill(0);
    return kek;
  },

  /** Overwrites and deletes the KEK left for `account`; a no-op when there is none. */
  discard(dir: string, account: string): void {
    const file = path(dir, account);
    if (!existsSync(file)) return;
    writeFileSync(file, new Uint8Array(32));
    unlinkSync(file);
  },
};
