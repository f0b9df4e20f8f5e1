#!/usr/bin/env node
/**
 * `custos` CLI: init, register, start, status, doctor (companion); collateral (operators);
 * escrow keygen / serve, and export / sign / submit for an air-gapped key (escrow committee
 * members);
 * audit, assignments, dashboard (indexer). Exit codes: 0 ok, 1 failure (doctor: a check failed;
 * escrow sign / submit: a request refused), 2 invalid configuration or usage, or an escrow
 * file refused as a whole, 3 fenced by a newer instance, 4 KEK unrecoverable from
 * providers, or through the escrow committee (store untouched), 5 store older than the
 * chain's anchored version (store untouched).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { Command } from 'commander';
import pino from 'pino';
import {
  checkKind,
  fetchAssignments,
  fetchMisbehaviour,
  renderAssignments,
  renderMisbehaviour,
} from '../audit/reports.js';
import { connectChain } from '../chain/connect.js';
import { DispatchFailedError, StateProofError } from '../chain/errors.js';
import { registerValidator } from '../chain/registerValidator.js';
import { chainTimeSecs, uploadCollateral } from '../chain/uploadCollateral.js';
import {
  type Config,
  ConfigError,
  chainUrlSetting,
  DEFAULT_GRAPHQL_URL,
  graphqlUrlSetting,
  loadConfig,
} from '../config.js';
import { sr25519AddonStatus } from '../crypto/sr25519Native.js';
import { graphqlReader } from '../dashboard/data.js';
import { startDashboard } from '../dashboard/server.js';
import { renderDoctor, runDoctor } from '../doctor/doctor.js';
import { BaseError } from '../errors/base.js';
import { EscrowOfflineError } from '../errors/escrow.js';
import { CollateralFileError } from '../errors/quote.js';
import {
  ColdRecoveryImpossibleError,
  DataDirError,
  FencedError,
  KekUnrecoverableError,
  NeverBackedUpError,
  StoreRolledBackError,
} from '../errors/service.js';
import {
  forgetMemberKeys,
  generateMemberKeyFile,
  readMemberKeyFile,
} from '../escrow/memberKeys.js';
import {
  buildEscrowExport,
  type EscrowReleasesFile,
  type ExportTrust,
  MAX_OFFLINE_FILE_BYTES,
  parseEscrowExport,
  parseReleasesFile,
  signEscrowExport,
  submitSignedReleases,
} from '../escrow/offline.js';
import { serveEscrow } from '../escrow/serve.js';
import { SealedStore } from '../keystore/sealedStore.js';
import {
  checkCollateralWindow,
  encodeCollateral,
  MAX_COLLATERAL_FILE_BYTES,
  parseCollateralFile,
} from '../quote/collateralFile.js';
import { ConfigfsTsmQuoteSource, MockQuoteSource, type QuoteSource } from '../quote/sources.js';
import { initNode, REGISTRATION_FILE, type RegistrationPayload } from '../service/init.js';
import { CompanionNode } from '../service/node.js';
import { nodeStatus, renderStatus } from '../service/status.js';

/** The chain's `MaxQuoteLen`. */
const MAX_QUOTE_BYTES = 8 * 1024;

const EXIT = { ok: 0, failure: 1, usage: 2, fenced: 3, unrecoverable: 4, rolledBack: 5 } as const;

interface CommonFlags {
  config?: string;
  dataDir?: string;
  chain?: string;
  providerHost?: string;
  providerPort?: string;
  publicEndpoint?: string;
  secretApiPort?: string;
  quoteSource?: string;
  kekHandoffDir?: string;
  logLevel?: string;
  acceptRollback?: string;
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'JSON config file (overridden by CUSTOS_* environment, then flags)')
    .option('--data-dir <dir>', 'data directory (sealed store, registration payload)')
    .option('--chain <url>', 'chain WebSocket endpoint')
    .option('--provider-host <host>', 'provider API bind address')
    .option('--provider-port <port>', 'provider API port')
    .option('--public-endpoint <url>', 'provider API URL registered on chain')
    .option(
      '--secret-api-port <port>',
      'local secret API port on 127.0.0.1 (token from CUSTOS_SECRET_API_TOKEN)',
    )
    .option('--quote-source <kind>', 'mock | configfs-tsm')
    .option('--kek-handoff-dir <dir>', 'memory-backed directory for the first KEK')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent');
}

function config(flags: CommonFlags): Config {
  return loadConfig({
    env: process.env,
    configFile: flags.config,
    flags: {
      dataDir: flags.dataDir,
      chainUrl: flags.chain,
      providerHost: flags.providerHost,
      providerPort: flags.providerPort,
      publicEndpoint: flags.publicEndpoint,
      secretApiPort: flags.secretApiPort,
      quoteSource: flags.quoteSource,
      kekHandoffDir: flags.kekHandoffDir,
      logLevel: flags.logLevel,
      acceptRollback: flags.acceptRollback,
    },
  });
}

/**
 * Says once which sr25519 implementation the companion verifies and signs with: the native
 * addon, or schnorrkel in wasm and why (correct either way, the addon is faster).
 */
function logSr25519Backend(logger: pino.Logger): void {
  const addon = sr25519AddonStatus();
  if (addon.loaded) logger.info({ addon: addon.path }, 'sr25519: native addon');
  else
    logger.warn(
      { reason: addon.reason },
      'sr25519: no native addon, using schnorrkel in wasm (about 8x slower per signature check)',
    );
}

function quoteSource(c: Config): QuoteSource {
  return c.quoteSource === 'mock' ? new MockQuoteSource() : new ConfigfsTsmQuoteSource(c.tsmRoot);
}

function readPayload(c: Config): RegistrationPayload {
  const file = join(c.dataDir, REGISTRATION_FILE);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RegistrationPayload;
  } catch {
    throw new DataDirError('no registration payload', `${file}: run custos init first`);
  }
}

/** Whether a `--config` file (already parsed by `loadConfig`) holds the secret API token. */
function configFileHoldsToken(file: string): boolean {
  return 'secretApiToken' in (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
}

async function run(action: () => Promise<number | undefined>): Promise<never> {
  try {
    process.exit((await action()) ?? EXIT.ok);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CollateralFileError) {
      console.error(`custos: ${error.message}`);
      process.exit(EXIT.usage);
    }
    // An escrow file refused as a whole: nothing was produced or sent.
    if (error instanceof EscrowOfflineError || error instanceof StateProofError) {
      console.error(`custos: ${error.message} [${error.code}]`);
      process.exit(EXIT.usage);
    }
    for (const [kind, code] of [
      [FencedError, EXIT.fenced],
      [KekUnrecoverableError, EXIT.unrecoverable],
      [ColdRecoveryImpossibleError, EXIT.unrecoverable],
      [NeverBackedUpError, EXIT.unrecoverable],
      [StoreRolledBackError, EXIT.rolledBack],
    ] as const) {
      if (error instanceof kind) {
        console.error(`custos: ${error.message} [${error.code}]: ${error.details}`);
        process.exit(code);
      }
    }
    console.error(
      `custos: ${error instanceof BaseError ? `${error.message} [${error.code}]` : error instanceof Error ? error.message : error}`,
    );
    process.exit(EXIT.failure);
  }
}

const program = new Command('custos').description(
  'TDX companion: sealed store, chain-assigned key backups, fee-free restart recovery',
);
// Usage errors (unknown command, missing option) exit 2, in every subcommand: commander
// copies this setting into the commands created after it.
program.exitOverride((err) => {
  process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
});

withCommon(program.command('init'))
  .description('create keys, the sealed store and the registration payload (with a Register quote)')
  .action((flags: CommonFlags) =>
    run(async () => {
      const c = config(flags);
      await cryptoWaitReady();
      const api = await connectChain(c.chainUrl);
      try {
        const payload = await initNode(c, api, quoteSource(c));
        console.log(
          `initialised ${payload.tssAccount}; registration payload in ${join(c.dataDir, REGISTRATION_FILE)}`,
        );
      } finally {
        await api.disconnect();
      }
      return EXIT.ok;
    }),
  );

withCommon(program.command('register'))
  .description('(dev) submit the registration payload, paid by an operator account')
  .requiredOption('--operator-uri <uri>', 'operator key URI, e.g. //Alice (dev only)')
  .action((flags: CommonFlags & { operatorUri: string }) =>
    run(async () => {
      const c = config(flags);
      await cryptoWaitReady();
      const payload = readPayload(c);
      const operator = new Keyring({ type: 'sr25519' }).addFromUri(flags.operatorUri);
      const api = await connectChain(c.chainUrl);
      try {
        const { blockNumber } = await registerValidator(api, {
          operator,
          tssAccount: payload.tssAccount,
          x25519PublicKey: hexToU8a(payload.x25519PublicKey),
          endpoint: payload.endpoint,
          restartKey: hexToU8a(payload.restartKey),
          quote: hexToU8a(payload.quote),
          genesisHash: payload.genesisHash,
          block: payload.block,
        });
        console.log(`registered ${payload.tssAccount} in block ${blockNumber}`);
      } finally {
        await api.disconnect();
      }
      return EXIT.ok;
    }),
  );

withCommon(program.command('start'))
  .description('run the companion: unlock or recover the store, serve, keep backups confirmed')
  .option(
    '--accept-rollback <version>',
    'accept recovering from this (older) store version; recorded on chain as RollbackAccepted',
  )
  .action((flags: CommonFlags) =>
    run(async () => {
      const c = config(flags);
      if (!SealedStore.exists(join(c.dataDir, 'store'))) {
        throw new DataDirError(
          'no sealed store',
          `${join(c.dataDir, 'store')}: run custos init first`,
        );
      }
      await cryptoWaitReady();
      const logger = pino({ level: c.logLevel });
      logSr25519Backend(logger);
      const api = await connectChain(c.chainUrl);
      let exitCode: number = EXIT.ok;
      let resolveDone: () => void = () => undefined;
      const done = new Promise<void>((r) => {
        resolveDone = r;
      });
      const node = await CompanionNode.start(c, {
        api,
        quotes: quoteSource(c),
        logger,
        onFenced: () => {
          exitCode = EXIT.fenced;
          resolveDone();
        },
      });
      logger.info({ account: node.account, storeVersion: node.storeVersion }, 'custos started');
      const stop = () => resolveDone();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await done;
      await node.stop();
      await api.disconnect();
      return exitCode;
    }),
  );

withCommon(program.command('doctor'))
  .description(
    'check this companion: chain finalizing, registration, measurement, restart key, providers, clock, token, permissions (exit 0: all pass, 1: any fails)',
  )
  .option('--finality-timeout <seconds>', 'how long the finalized head may stand still', '30')
  .option('--max-clock-skew <seconds>', 'largest accepted local clock vs chain difference', '30')
  .option('--json', 'machine-readable output')
  .action(
    (flags: CommonFlags & { finalityTimeout: string; maxClockSkew: string; json?: boolean }) =>
      run(async () => {
        const c = config(flags);
        const seconds = (name: string, value: string) => {
          const n = Number(value);
          if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name}: must be seconds > 0`);
          return n * 1000;
        };
        const finalityTimeoutMs = seconds('finality-timeout', flags.finalityTimeout);
        const maxSkewMs = seconds('max-clock-skew', flags.maxClockSkew);
        await cryptoWaitReady();
        const report = await runDoctor({
          config: c,
          configFile: flags.config
            ? { path: flags.config, holdsToken: configFileHoldsToken(flags.config) }
            : undefined,
          connect: (url) => connectChain(url, 10_000),
          openStore: (dir) => SealedStore.open(dir),
          now: Date.now,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          fetch,
          finalityTimeoutMs,
          maxSkewMs,
        });
        console.log(flags.json ? JSON.stringify(report, null, 2) : renderDoctor(report));
        return report.exitCode;
      }),
  );

withCommon(program.command('status'))
  .description(
    'show incarnation, epochs, providers (and whether each holds our share), last attestation',
  )
  .option('--json', 'machine-readable output')
  .action((flags: CommonFlags & { json?: boolean }) =>
    run(async () => {
      const c = config(flags);
      const payload = readPayload(c);
      const api = await connectChain(c.chainUrl);
      try {
        const status = await nodeStatus(api, payload.tssAccount);
        console.log(flags.json ? JSON.stringify(status, null, 2) : renderStatus(status));
      } finally {
        await api.disconnect();
      }
      return EXIT.ok;
    }),
  );

const graphqlUrl = (flag: string | undefined) => graphqlUrlSetting(flag, process.env);

program
  .command('audit')
  .description(
    'misbehaviour the indexer derived (auditors): did not serve, at risk, duplicate instance, …',
  )
  .option(
    '--graphql <url>',
    `indexer GraphQL URL (or CUSTOS_GRAPHQL_URL; default ${DEFAULT_GRAPHQL_URL})`,
  )
  .option('--kind <kind>', 'only this kind, e.g. DID_NOT_SERVE')
  .option('--subject <account>', 'only records about this TSS account')
  .option('--open', 'only records whose condition still holds')
  .option('--json', 'machine-readable output')
  .action(
    (flags: {
      graphql?: string;
      kind?: string;
      subject?: string;
      open?: boolean;
      json?: boolean;
    }) =>
      run(async () => {
        const url = graphqlUrl(flags.graphql);
        try {
          checkKind(flags.kind);
        } catch (error) {
          throw new ConfigError((error as Error).message);
        }
        const rows = await fetchMisbehaviour(url, {
          kind: flags.kind,
          subject: flags.subject,
          unresolved: flags.open,
        });
        console.log(flags.json ? JSON.stringify(rows, null, 2) : renderMisbehaviour(rows));
        return EXIT.ok;
      }),
  );

program
  .command('assignments')
  .description('backup assignments per owner with their epoch history (governance)')
  .option(
    '--graphql <url>',
    `indexer GraphQL URL (or CUSTOS_GRAPHQL_URL; default ${DEFAULT_GRAPHQL_URL})`,
  )
  .option('--owner <account>', 'only this owner (TSS account)')
  .option('--json', 'machine-readable output')
  .action((flags: { graphql?: string; owner?: string; json?: boolean }) =>
    run(async () => {
      const owners = await fetchAssignments(graphqlUrl(flags.graphql), flags.owner);
      console.log(flags.json ? JSON.stringify(owners, null, 2) : renderAssignments(owners));
      return EXIT.ok;
    }),
  );

const chainUrl = (flag: string | undefined) => chainUrlSetting(flag, process.env);

/**
 * Reads a regular file of at most `maxBytes`, checking its size before reading it; a
 * usage error naming `field` otherwise.
 */
function readBoundedFile(field: string, path: string, maxBytes: number): Buffer {
  const refuse = (reason: string) => new ConfigError(`${field}: cannot read ${path}: ${reason}`);
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw refuse('not a regular file');
    if (stat.size > maxBytes) throw refuse(`${stat.size} bytes, more than ${maxBytes}`);
    return readFileSync(path);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw refuse((error as Error).message);
  }
}

/** A quote file: raw bytes, or hex text (optional 0x, whitespace anywhere ignored). */
function readQuoteFile(path: string): Uint8Array {
  const raw = readBoundedFile('quote', path, 4 * MAX_QUOTE_BYTES);
  // Hex text may be wrapped (xxd -p); a raw quote starts with its version, 0x04 or 0x05.
  const text = raw.toString('latin1').replace(/\s+/g, '');
  const bytes = /^(0x)?([0-9a-fA-F]{2})+$/.test(text)
    ? hexToU8a(text.startsWith('0x') ? text : `0x${text}`)
    : new Uint8Array(raw);
  if (bytes.length === 0 || bytes.length > MAX_QUOTE_BYTES)
    throw new ConfigError(`quote: ${bytes.length} bytes, expected 1 to ${MAX_QUOTE_BYTES}`);
  return bytes;
}

program
  .command('dashboard')
  .description(
    "serve the auditors' and governance's web dashboard over the indexer (validators, assignment graph, timelines, findings)",
  )
  .option(
    '--graphql <url>',
    `indexer GraphQL URL (or CUSTOS_GRAPHQL_URL; default ${DEFAULT_GRAPHQL_URL})`,
  )
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on (0: any free port)', '4350')
  .option('--log-level <level>', 'pino level', 'info')
  .action((flags: { graphql?: string; host: string; port: string; logLevel: string }) =>
    run(async () => {
      const url = graphqlUrl(flags.graphql);
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535)
        throw new ConfigError(`port: must be an integer from 0 to 65535, got "${flags.port}"`);
      const logger = pino({ level: flags.logLevel, base: { role: 'dashboard' } });
      const dashboard = await startDashboard({
        read: graphqlReader(url),
        logger,
        host: flags.host,
        port,
      });
      console.log(`dashboard at ${dashboard.url} (reading ${url})`);
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await dashboard.stop();
      return EXIT.ok;
    }),
  );

program
  .command('collateral')
  .description(
    "upload Intel DCAP collateral (a PCS/PCCS JSON file you provide) to the chain's cache",
  )
  .requiredOption('--file <collateral.json>', "collateral in dcap-qvl's QuoteCollateralV3 JSON")
  .requiredOption(
    '--quote <file>',
    'a genuine quote of a platform the collateral serves (raw or hex)',
  )
  .requiredOption('--signer-uri <uri>', 'key URI of the account paying (refunded when cached)')
  .option('--chain <url>', 'chain WebSocket endpoint (or CUSTOS_CHAIN_URL)')
  .option('--json', 'machine-readable output')
  .action(
    (flags: { file: string; quote: string; signerUri: string; chain?: string; json?: boolean }) =>
      run(async () => {
        const url = chainUrl(flags.chain);
        const text = readBoundedFile('file', flags.file, MAX_COLLATERAL_FILE_BYTES).toString(
          'utf8',
        );
        const file = parseCollateralFile(text);
        const quote = readQuoteFile(flags.quote);
        await cryptoWaitReady();
        const signer = new Keyring({ type: 'sr25519' }).addFromUri(flags.signerUri);
        const api = await connectChain(url);
        try {
          const summary = checkCollateralWindow(file, await chainTimeSecs(api));
          const collateral = encodeCollateral(file);
          const cached = await uploadCollateral(api, {
            signer,
            quote,
            collateral,
          }).catch((error: unknown) => {
            if (
              error instanceof DispatchFailedError &&
              error.palletError === 'attestation.CollateralFmspcMismatch'
            ) {
              throw new DispatchFailedError(
                error.palletError,
                `the file is for FMSPC ${summary.fmspc}; fetch the collateral for the quote's FMSPC`,
              );
            }
            throw error;
          });
          console.log(
            flags.json
              ? JSON.stringify(cached, null, 2)
              : `cached collateral for FMSPC ${cached.fmspc} (${cached.pckCa} CA), TCB evaluation ${cached.tcbEvaluationNumber}, expires ${new Date(cached.expiresAt * 1000).toISOString()}, block ${cached.blockNumber}`,
          );
        } finally {
          await api.disconnect();
        }
        return EXIT.ok;
      }),
  );

const escrow = program
  .command('escrow')
  .description('escrow committee members: keys, and releasing shares to approved cold recoveries');

escrow
  .command('keygen')
  .description(
    'create a member key file (mode 0600) and print the account and sealing key governance registers',
  )
  .requiredOption('--out <file>', 'where to write the key file (refuses to overwrite)')
  .option('--json', 'machine-readable output')
  .action((flags: { out: string; json?: boolean }) =>
    run(async () => {
      await cryptoWaitReady();
      const keys = await generateMemberKeyFile(flags.out);
      console.log(
        flags.json
          ? JSON.stringify(keys, null, 2)
          : `account ${keys.account}\nsealing key ${keys.sealingKey}\nkey file ${flags.out} (keep it off every validator host)`,
      );
      return EXIT.ok;
    }),
  );

escrow
  .command('serve')
  .description(
    "watch finalized chain state and release this member's share to every approved cold recovery",
  )
  .requiredOption('--key-file <file>', 'the member key file from `custos escrow keygen`')
  .option('--chain <url>', 'chain WebSocket endpoint (or CUSTOS_CHAIN_URL)')
  .option('--poll-ms <ms>', 'longest wait between passes', '2000')
  .option('--log-level <level>', 'pino level', 'info')
  .action((flags: { keyFile: string; chain?: string; pollMs: string; logLevel: string }) =>
    run(async () => {
      const url = chainUrl(flags.chain);
      const pollMs = Number(flags.pollMs);
      if (!Number.isInteger(pollMs) || pollMs < 50 || pollMs > 600_000)
        throw new ConfigError(
          `poll-ms: must be an integer from 50 to 600000, got "${flags.pollMs}"`,
        );
      await cryptoWaitReady();
      const keys = await readMemberKeyFile(flags.keyFile);
      const logger = pino({ level: flags.logLevel, base: { role: 'escrow' } });
      const api = await connectChain(url);
      const stop = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
      logger.info(
        { account: keys.signer.address, chain: url },
        'escrow member serving approved cold recoveries',
      );
      try {
        await serveEscrow(api, keys, logger, { pollMs, signal: stop.signal });
      } finally {
        forgetMemberKeys(keys);
        await api.disconnect();
      }
      return EXIT.ok;
    }),
  );

/** Writes `text` to a new file at `path` (refuses to overwrite); a usage error otherwise. */
function writeNewFile(field: string, path: string, text: string): void {
  try {
    writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
  } catch (error) {
    throw new ConfigError(`${field}: cannot create ${path}: ${(error as Error).message}`);
  }
}

escrow
  .command('export')
  .description(
    'air-gapped member, step 1 (online, no key): write the approved cold requests this member may release to, with what the offline step checks',
  )
  .requiredOption('--member <account>', "the member's account (SS58)")
  .requiredOption('--out <file>', 'where to write the export (refuses to overwrite)')
  .option('--chain <url>', 'chain WebSocket endpoint (or CUSTOS_CHAIN_URL)')
  .option('--json', 'machine-readable output')
  .action((flags: { member: string; out: string; chain?: string; json?: boolean }) =>
    run(async () => {
      const url = chainUrl(flags.chain);
      try {
        decodeAddress(flags.member);
      } catch {
        throw new ConfigError(`member: not an SS58 account: "${flags.member}"`);
      }
      await cryptoWaitReady();
      const api = await connectChain(url);
      try {
        const { file, skipped, proofUnavailable } = await buildEscrowExport(api, flags.member);
        writeNewFile('out', flags.out, `${JSON.stringify(file, null, 2)}\n`);
        const summary = {
          out: flags.out,
          finalized: file.finalized,
          proof: file.proof ? `${file.proof.nodes.length} trie nodes` : null,
          ...(proofUnavailable ? { proofUnavailable } : {}),
          requests: file.requests.map(
            (r) =>
              `${r.owner}/${r.incarnation} (committee ${r.deposit.generation}, index ${r.deposit.memberIndex})`,
          ),
          skipped,
        };
        console.log(
          flags.json
            ? JSON.stringify(summary, null, 2)
            : [
                `exported ${file.requests.length} approved request(s) at finalized block ${file.finalized.number} to ${flags.out}; ${skipped.length} skipped`,
                file.proof
                  ? `with a state proof of block ${file.finalized.number}: for sign --block, read that block's hash from a full node you run, once its finalized head has reached it (not from this machine)`
                  : `WITHOUT a state proof (the node served none: ${proofUnavailable}): sign can only --trust-export it`,
              ].join('\n'),
        );
      } finally {
        await api.disconnect();
      }
      return EXIT.ok;
    }),
  );

escrow
  .command('sign')
  .description(
    'air-gapped member, step 2 (offline): check an export against the key file and the state it proves, and write the sealed, signed releases',
  )
  .requiredOption('--key-file <file>', 'the member key file from `custos escrow keygen`')
  .requiredOption('--in <file>', 'the export from `custos escrow export`')
  .requiredOption('--out <file>', 'where to write the releases (refuses to overwrite)')
  .requiredOption('--genesis <hash>', "the chain's genesis hash the export must be for")
  .option(
    '--block <hash>',
    "hash of the export's block, read from a full node you run (chain_getBlockHash of its number, once that node's finalized head has reached it), never from the machine that made the export: every request is checked against the state the export proves at it",
  )
  .option(
    '--trust-export',
    'check no state proof: take the export as the networked machine wrote it (for a node that serves no read proofs)',
  )
  .option('--json', 'machine-readable output')
  .action(
    (flags: {
      keyFile: string;
      in: string;
      out: string;
      genesis: string;
      block?: string;
      trustExport?: boolean;
      json?: boolean;
    }) =>
      run(async () => {
        if (!/^0x[0-9a-f]{64}$/.test(flags.genesis))
          throw new ConfigError('genesis: must be 32 bytes of lowercase 0x-hex');
        if (flags.block !== undefined && !/^0x[0-9a-f]{64}$/.test(flags.block))
          throw new ConfigError('block: must be 32 bytes of lowercase 0x-hex');
        if ((flags.block === undefined) === (flags.trustExport !== true))
          throw new ConfigError(
            'give exactly one of --block <hash of the finalized block, read from a source of your own> and --trust-export',
          );
        const trust: ExportTrust =
          flags.block !== undefined
            ? { trustedBlock: hexToU8a(flags.block) }
            : { trustExport: true };
        const text = readBoundedFile('in', flags.in, MAX_OFFLINE_FILE_BYTES).toString('utf8');
        const file = parseEscrowExport(text);
        await cryptoWaitReady();
        const keys = await readMemberKeyFile(flags.keyFile);
        let releases: EscrowReleasesFile;
        try {
          releases = await signEscrowExport(file, keys, hexToU8a(flags.genesis), trust);
        } finally {
          forgetMemberKeys(keys);
        }
        writeNewFile('out', flags.out, `${JSON.stringify(releases, null, 2)}\n`);
        const basis = releases.provenAt
          ? `checked against the state proven at block ${releases.provenAt.number} (${releases.provenAt.hash})`
          : `NOT checked against proven state (--trust-export): export made at block ${file.finalized.number} (${file.finalized.hash}), as the networked machine says`;
        console.log(
          flags.json
            ? JSON.stringify(
                {
                  out: flags.out,
                  // What the export says; under --block, provenAt is what was checked.
                  exportedAt: file.finalized,
                  provenAt: releases.provenAt,
                  released: releases.releases.map((r) => `${r.owner}/${r.incarnation}`),
                  refused: releases.refused,
                },
                null,
                2,
              )
            : [
                basis,
                `${releases.releases.length} release(s) written to ${flags.out}`,
                ...releases.refused.map((r) => `refused ${r.request}: ${r.reason} [${r.code}]`),
              ].join('\n'),
        );
        return releases.refused.length > 0 ? EXIT.failure : EXIT.ok;
      }),
  );

escrow
  .command('submit')
  .description(
    'air-gapped member, step 3 (online, no key): submit the releases `custos escrow sign` wrote',
  )
  .requiredOption('--in <file>', 'the releases from `custos escrow sign`')
  .option('--chain <url>', 'chain WebSocket endpoint (or CUSTOS_CHAIN_URL)')
  .option('--json', 'machine-readable output')
  .action((flags: { in: string; chain?: string; json?: boolean }) =>
    run(async () => {
      const url = chainUrl(flags.chain);
      const text = readBoundedFile('in', flags.in, MAX_OFFLINE_FILE_BYTES).toString('utf8');
      const file = parseReleasesFile(text);
      await cryptoWaitReady();
      const api = await connectChain(url);
      try {
        const outcomes = await submitSignedReleases(api, file);
        console.log(
          flags.json
            ? JSON.stringify(outcomes, null, 2)
            : outcomes.map((o) => `${o.result} ${o.request}: ${o.detail}`).join('\n') ||
                'nothing to submit',
        );
        return outcomes.some((o) => o.result === 'refused') ? EXIT.failure : EXIT.ok;
      } finally {
        await api.disconnect();
      }
    }),
  );

await program.parseAsync(process.argv);
