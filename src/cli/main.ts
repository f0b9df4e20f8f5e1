#!/usr/bin/env node
/**
 * `custos` CLI: init, register, start, status (companion); audit, assignments (indexer). Exit codes: 0 ok, 1 failure, 2 invalid
 * configuration or usage, 3 fenced by a newer instance, 4 KEK unrecoverable from providers
 * (store untouched), 5 store older than the chain's anchored version (store untouched).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
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
import { registerValidator } from '../chain/registerValidator.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { BaseError } from '../errors/base.js';
import {
  DataDirError,
  FencedError,
  KekUnrecoverableError,
  NeverBackedUpError,
  StoreRolledBackError,
} from '../errors/service.js';
import { SealedStore } from '../keystore/sealedStore.js';
import { ConfigfsTsmQuoteSource, MockQuoteSource, type QuoteSource } from '../quote/sources.js';
import { initNode, REGISTRATION_FILE, type RegistrationPayload } from '../service/init.js';
import { CompanionNode } from '../service/node.js';
import { nodeStatus, renderStatus } from '../service/status.js';

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

async function run(action: () => Promise<number | undefined>): Promise<never> {
  try {
    process.exit((await action()) ?? EXIT.ok);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`custos: ${error.message}`);
      process.exit(EXIT.usage);
    }
    for (const [kind, code] of [
      [FencedError, EXIT.fenced],
      [KekUnrecoverableError, EXIT.unrecoverable],
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

const DEFAULT_GRAPHQL = 'http://127.0.0.1:3000/';

/** The indexer's GraphQL URL: flag, then CUSTOS_GRAPHQL_URL, then the local default. */
function graphqlUrl(flag: string | undefined): string {
  const url = flag ?? process.env.CUSTOS_GRAPHQL_URL ?? DEFAULT_GRAPHQL;
  if (!/^https?:\/\/\S+$/.test(url))
    throw new ConfigError(`graphql: must be an http(s) URL, got "${url}"`);
  return url;
}

program
  .command('audit')
  .description(
    'misbehaviour the indexer derived (auditors): did not serve, at risk, duplicate instance, …',
  )
  .option(
    '--graphql <url>',
    `indexer GraphQL URL (or CUSTOS_GRAPHQL_URL; default ${DEFAULT_GRAPHQL})`,
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
    `indexer GraphQL URL (or CUSTOS_GRAPHQL_URL; default ${DEFAULT_GRAPHQL})`,
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

program.exitOverride((err) => {
  process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
});
await program.parseAsync(process.argv);
