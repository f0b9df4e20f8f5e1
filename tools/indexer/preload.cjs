// Preloaded (node --require) into the SubQuery node and query service by the runner.
//
// 1. Both call `listen(port)` without a host, which binds every interface: a listen that
//    names no host binds 127.0.0.1 instead, so the runner's servers stay on loopback.
// 2. They must not outlive the runner: when the parent process is gone (its pid changes
//    to a reaper's), exit.
// 3. The SubQuery node polls the chain's best and finalized heads every
//    min(5 s, 0.9 × the runtime's block time): with the runtime's 6 s slots that is 5 s,
//    so on a devnet with faster blocks it trails the chain by two or three blocks. With
//    CUSTOS_SUBQL_HEAD_POLL_MS set (the runner sets it), those two polls run that often
//    instead; nothing else changes (it recognises them by the method they call).
// 4. Before the first handler of every block, the SubQuery node calls polkadot.js's
//    `api.at(hash, runtimeVersion)`, which expands the runtime's whole metadata again
//    (`expandMetadata`: every pallet's storage, calls, events, errors and constants) although
//    a known runtime's registry and metadata never change. With CUSTOS_SUBQL_DECORATE_ONCE=1
//    (the runner sets it for the SubQuery node) a block decoration reuses the expansion its
//    registry already holds; the decoration itself, bound to the block's hash, is still new.
// 5. It does so even for blocks whose handlers never touch `api` (our block handler runs on
//    every block; only two event handlers read storage). With CUSTOS_SUBQL_LAZY_BLOCK_API=1
//    the SubQuery node hands handlers a stand-in that builds the block's decoration, exactly
//    as it would have, the first time a handler reads a property of it.
// 6. For every handler call the SubQuery node runs a small script in its vm2 sandbox that
//    requires the mapping module and calls the handler named in a global. With
//    CUSTOS_SUBQL_DIRECT_CALLS=1 that script runs once per sandbox and returns a function
//    that calls a handler by name; every call then goes straight to it, with the same
//    timeout and the same error handling (stack mapped to the sources, handler named).
// 7. Everything a handler is given, and everything it gets back from the store or `api`,
//    crosses vm2's bridge: host objects reach the sandbox as proxies, one per object and
//    property access. With CUSTOS_SUBQL_HOST_MAPPING=1 (which implies 6) the mapping
//    module, our own code built from indexer/, is loaded by Node's `require` in the node
//    itself and called directly; what SubQuery injects for it (`store`, `api`, `logger`,
//    `chainId`, …) becomes globals of the process that read the sandbox's current values.
//    The sandbox isolates untrusted projects; this one is not untrusted, and what its
//    handlers store is unchanged (test/integration/indexer.test.ts, completeness included).
//    What the mapping can reach grows: the node's whole environment (database password
//    included), any module, and the injected objects themselves rather than read-only
//    proxies. So this is for our own mapping only, never a third-party project; it still
//    reads untrusted chain data, as it did in the sandbox (whose vm2 has known escapes).
//    The project's package.json (tools/indexer/project.ts) keeps the bundle CommonJS.
const net = require('node:net');
const path = require('node:path');

/**
 * Resolves a module as the SubQuery node's script would: from CUSTOS_SUBQL_RESOLVE_FROM
 * (the runner sets it to the script's folder; worker threads, which load this preload too,
 * run with another argv), else from the script this process runs.
 */
const resolveFromScript = (id) =>
  require.resolve(id, {
    paths: [
      process.env.CUSTOS_SUBQL_RESOLVE_FROM ??
        path.dirname(require('node:fs').realpathSync(process.argv[1])),
    ],
  });

/** One line in the SubQuery node's log format, saying a patch is in place. */
const patched = (what) =>
  process.stderr.write(
    `${JSON.stringify({ level: 'info', category: 'custos-preload', message: `patched: ${what}` })}\n`,
  );

/** Modules to patch once the script loads them: resolved path → patches, in order. */
const pending = new Map();

/**
 * Calls `patch` with the exports of module `id` (as the script resolves it) once the script
 * itself has loaded it: loading it earlier would run its imports before the SubQuery node
 * has set up what they need.
 */
const onLoad = (id, patch) => {
  const Module = require('node:module');
  if (pending.size === 0) {
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
      const exported = load.call(this, request, parent, isMain);
      if (pending.size > 0 && !request.startsWith('node:')) {
        const resolved = Module._resolveFilename(request, parent, isMain);
        const patches = pending.get(resolved);
        if (patches) {
          pending.delete(resolved);
          for (const patch of patches) patch(exported);
        }
      }
      return exported;
    };
  }
  const resolved = resolveFromScript(id);
  pending.set(resolved, [...(pending.get(resolved) ?? []), patch]);
};

if (process.env.CUSTOS_SUBQL_LAZY_BLOCK_API === '1') {
  onLoad('@subql/node/dist/indexer/api.service.js', ({ ApiService }) => {
    ApiService.prototype.getPatchedApi = lazyBlockApi;
    patched('block API decorated at first use');
  });
}

/** `ApiService.getPatchedApi` (SubQuery 6.4.6), with the decoration made at first use. */
async function lazyBlockApi(header, runtimeVersion) {
  this._currentBlockHash = header.hash.toString();
  this._currentBlockNumber = header.number.toNumber();
  const api = this.api;
  const hash = header.hash.toU8a();
  // What `api.at(hash, runtimeVersion)` looks up before it decorates: the block's runtime.
  const registry = await api.getBlockRegistry(hash, runtimeVersion);
  // polkadot.js rewrites its default registry in place when it sees a runtime upgrade (and
  // gives it a new version object): a decoration made after that would describe another
  // runtime than the block's, so the handler fails instead and the block is not indexed.
  const version = registry.runtimeVersion;
  let decorated;
  const real = () => {
    if (!decorated) {
      if (registry.runtimeVersion !== version)
        throw new Error(
          `the runtime changed while block ${this._currentBlockNumber} was being indexed; index it again`,
        );
      decorated = api._createDecorated(registry, true, null, hash).decoratedApi;
      this.patchApiRpc(api, decorated);
    }
    return decorated;
  };
  return new Proxy(
    {},
    {
      // Not a thenable (the decoration is not one): returning the stand-in from this async
      // function must not build the decoration by asking for `then`.
      get: (_, key) => (key === 'then' ? undefined : real()[key]),
      has: (_, key) => key !== 'then' && key in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_, key) => {
        const found = Object.getOwnPropertyDescriptor(real(), key);
        return found && { ...found, configurable: true };
      },
      set: (_, key, value) => {
        real()[key] = value;
        return true;
      },
    },
  );
}

const hostMapping = process.env.CUSTOS_SUBQL_HOST_MAPPING === '1';

if (process.env.CUSTOS_SUBQL_DIRECT_CALLS === '1' || hostMapping) {
  onLoad('@subql/node-core/dist/indexer/sandbox.js', ({ IndexerSandbox }) => {
    const { VMError, VMScript } = require(resolveFromScript('vm2'));
    const { timeout } = require(resolveFromScript('@subql/node-core/dist/utils/promise.js'));
    const { levelFilter } = require(resolveFromScript('@subql/utils'));
    if (hostMapping) keepInjectionsInHost(IndexerSandbox);
    IndexerSandbox.prototype.securedExec = async function (funcName, args) {
      try {
        this.custosCallHandler ??= hostMapping
          ? hostHandlerCaller(this)
          : this.run(
              new VMScript(
                `const handlers = require(${JSON.stringify(this.entry)});
                module.exports = (name, args) => {
                  if (handlers[name] === undefined)
                    throw new Error('Handler function ' + name + ' is not found, available functions:' + JSON.stringify(Object.keys(handlers)));
                  return handlers[name](...args);
                };`,
                path.join(this.root, 'sandbox'),
              ),
            );
        const seconds = this.config.timeout;
        await timeout(
          this.custosCallHandler(funcName, args),
          seconds,
          `Sandbox execution timeout in ${seconds} seconds. Please increase --timeout`,
        );
      } catch (thrown) {
        let e = thrown;
        const missing = 'Cannot find module ';
        if (e instanceof VMError && e.message.includes(missing)) {
          // As SubQuery's own `runTimeout` says it.
          e = new Error(
            `Unable to resolve module ${e.message.replace(missing, '')}. To resolve this you can either:\n\tNarrow your import. e.g Instead of "import { BigNumber } from 'ethers'" you can use "import {BigNumber} from '@ethersproject/bignumber';"\n\tEnable the --unsafe flag.`,
            { cause: thrown },
          );
          e.stack = thrown.stack;
        }
        e.stack = await this.convertStack(e.stack);
        e.handler = funcName;
        if (this.config.logLevel && levelFilter('debug', this.config.logLevel))
          e.handlerArgs = JSON.stringify(args);
        throw e;
      }
    };
    patched(hostMapping ? 'mapping run in the host, handlers called directly' : 'handlers called directly');
  });
}

/**
 * What SubQuery injects into its sandbox and the mapping reads as globals. With the mapping
 * in the host they become getters on the host's `globalThis`, reading the values the
 * sandbox was last given (SubQuery gives `api` anew for every block).
 */
const HOST_INJECTIONS = new Set([
  'store',
  'cache',
  'logger',
  'api',
  'unsafeApi',
  'chainId',
  'registry',
  'createDynamicDatasource',
]);

/** The one sandbox whose mapping runs in the host (a process indexes one project). */
let hostSandbox;

/**
 * Makes `freeze` and `setGlobal` of SubQuery's sandbox keep the injections the mapping reads
 * (HOST_INJECTIONS) for the host instead of building vm2's proxies for them; anything else
 * (`process`, `URL`, SubQuery's call script's `args` and `funcName`) still goes to vm2, whose
 * sandbox the mapping then never runs in.
 */
function keepInjectionsInHost(IndexerSandbox) {
  for (const method of ['freeze', 'setGlobal']) {
    const original = IndexerSandbox.prototype[method];
    IndexerSandbox.prototype[method] = function (value, name) {
      if (!HOST_INJECTIONS.has(name)) return original.call(this, value, name);
      if (!this.custosInjections) this.custosInjections = new Map();
      this.custosInjections.set(name, value);
      return value;
    };
  }
}

/**
 * Loads the mapping module with Node's own `require`, its globals read from what the
 * sandbox was given, and returns a function that calls a handler by name. Refuses a second
 * sandbox (its globals would be the first one's) and a host that already has a global of an
 * injection's name.
 */
function hostHandlerCaller(sandbox) {
  if (hostSandbox && hostSandbox !== sandbox)
    throw new Error('preload: the mapping can run in the host for one sandbox only');
  if (!hostSandbox) {
    for (const name of HOST_INJECTIONS) {
      if (Object.hasOwn(globalThis, name))
        throw new Error(`preload: the host already has a global named ${name}`);
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get: () => sandbox.custosInjections?.get(name),
      });
    }
    hostSandbox = sandbox;
  }
  const entry = path.resolve(sandbox.root, sandbox.entry);
  const handlers = require(entry);
  // Node names the file by its real path in stacks; SubQuery maps stack lines to the
  // sources by the path it joined (root and entry), which may go through a symlink.
  const real = require('node:fs').realpathSync(entry);
  const named = (error) => {
    if (real !== entry && error instanceof Error && typeof error.stack === 'string')
      error.stack = error.stack.replaceAll(real, entry);
    return error;
  };
  return async (name, args) => {
    if (typeof handlers[name] !== 'function')
      throw new Error(
        `Handler function ${name} is not found, available functions:${JSON.stringify(Object.keys(handlers))}`,
      );
    try {
      return await handlers[name](...args);
    } catch (error) {
      throw named(error);
    }
  };
}

if (process.env.CUSTOS_SUBQL_DECORATE_ONCE === '1') {
  onLoad('@polkadot/api', reuseExpandedMetadata);
}

/** Makes polkadot.js's `api.at` reuse the metadata expansion its registry holds. */
function reuseExpandedMetadata({ ApiPromise }) {
  let owner = ApiPromise.prototype;
  while (owner && !Object.hasOwn(owner, '_createDecorated')) owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error('preload: polkadot.js has no _createDecorated to patch');
  const createDecorated = owner._createDecorated;
  owner._createDecorated = function (registry, fromEmpty, decoratedApi, blockHash) {
    // A new decoration for one block (`api.at`): `fromEmpty` only forces the expansion
    // again, since an empty decoration has nothing to clear. Block decorations of a runtime
    // then share its constants' codec objects, which our handlers never change.
    const reuse = fromEmpty && !decoratedApi && blockHash && registry.decoratedMeta;
    return createDecorated.call(this, registry, reuse ? false : fromEmpty, decoratedApi, blockHash);
  };
  patched('metadata expanded once per runtime');
}

const headPollMs = Number(process.env.CUSTOS_SUBQL_HEAD_POLL_MS);
if (Number.isInteger(headPollMs) && headPollMs >= 100) {
  const setIntervalOriginal = global.setInterval;
  global.setInterval = function (callback, ms, ...rest) {
    const polls = typeof callback === 'function' && /get(Finalized|Best)BlockHead\(/.test(String(callback));
    return setIntervalOriginal.call(this, callback, polls ? Math.min(ms, headPollMs) : ms, ...rest);
  };
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first, second] = args;
  if ((typeof first === 'number' || /^\d+$/.test(String(first))) && typeof second !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && !('path' in first) && !first.host) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();
