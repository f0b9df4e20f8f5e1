/**
 * Child processes of the runner (SubQuery node, query service): spawned with their output
 * in a log file, bound to loopback, exiting with the runner, stopped with SIGTERM then
 * SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Preloaded into each service: servers bind 127.0.0.1; the service exits with its parent. */
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

/** A running service process. */
export interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (with its code or signal). */
  readonly exited: Promise<string>;
  /** Whether the process has exited. */
  hasExited(): boolean;
  /** Stops it: `signal` (default SIGTERM), then SIGKILL after `graceMs`. Idempotent. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * Starts `node [...nodeFlags] <script> ...args` with `env` added to the environment
 * (TZ=UTC always), appending its output to `logFile`.
 */
export function startService(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  logFile: string,
  nodeFlags: string[] = [],
): Service {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeFlags, '--require', PRELOAD, script, ...args], {
    env: { ...process.env, ...env, TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve(signal ?? `code ${code}`);
    });
  });
  return {
    name,
    child,
    exited,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
