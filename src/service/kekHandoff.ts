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
 * disk). Refuses any other filesystem. The file is 0600 and `consume` deletes it.
 */
export const kekHandoff = {
  /** Leaves `kek` for `account`. */
  leave(dir: string, account: string, kek: Uint8Array): void {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    assertInMemory(dir);
    writeFileSync(path(dir, account), kek, { mode: 0o600 });
  },

  /** Takes the KEK left for `account` (and deletes it), or undefined if none. */
  consume(dir: string, account: string): Uint8Array | undefined {
    const file = path(dir, account);
    if (!existsSync(file)) return undefined;
    assertInMemory(dir);
    const kek = new Uint8Array(readFileSync(file));
    unlinkSync(file);
    return kek;
  },
};
