/**
 * `npm run indexer -- --endpoint ws://127.0.0.1:9944`: embedded PostgreSQL (or
 * `--db-url` / CUSTOS_INDEXER_DB_URL), the SubQuery node and the query service, until
 * Ctrl-C. Prints the GraphQL URL. See indexer/README.md.
 */
import { Command, InvalidArgumentError } from 'commander';
import { BaseError } from '../../src/errors/base.js';
import { startIndexer } from './start.js';

const int = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a positive integer');
  return Number(value);
};

const program = new Command('indexer')
  .description('index a custos chain into PostgreSQL and serve GraphQL on 127.0.0.1')
  .requiredOption('--endpoint <url>', 'chain JSON-RPC endpoint (ws:// or wss://)')
  .option('--work-dir <dir>', 'embedded database, per-run project and logs', '.indexer')
  .option(
    '--db-url <url>',
    'existing PostgreSQL (postgres://user:pass@host:port/db); default: embedded',
    process.env.CUSTOS_INDEXER_DB_URL,
  )
  .option('--graphql-port <port>', 'GraphQL port on 127.0.0.1 (default: a free one)', int)
  .option('--release-window <blocks>', 'DID_NOT_SERVE window (default 50)', int)
  .option('--confirm-window <blocks>', 'AT_RISK window (default 100)', int)
  .option('--duplicate-window <blocks>', 'DUPLICATE_INSTANCE window (default 100)', int)
  .option('--log-level <level>', 'node and query log level', 'warn');

async function main() {
  const o = program.parse().opts();
  const indexer = await startIndexer({
    endpoint: o.endpoint,
    workDir: o.workDir,
    dbUrl: o.dbUrl,
    graphqlPort: o.graphqlPort,
    logLevel: o.logLevel,
    windows: {
      releaseWindow: o.releaseWindow,
      confirmWindow: o.confirmWindow,
      duplicateWindow: o.duplicateWindow,
    },
  });
  console.log(`GraphQL: ${indexer.graphqlUrl}  (logs in ${o.workDir}/)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await indexer.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof BaseError ? `${error.code}: ${error.message}` : error);
  process.exit(1);
});
