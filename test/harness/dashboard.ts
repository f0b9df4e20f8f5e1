/** Starts `custos dashboard` as a real process and waits for the URL it prints. */
import { type ChildProcess, spawn } from 'node:child_process';

/** A running dashboard process. */
export interface DashboardProcess {
  child: ChildProcess;
  /** Where it serves, e.g. `http://127.0.0.1:39211/`. */
  url: string;
}

/**
 * Runs `command ...prefix dashboard --graphql <graphqlUrl> --port 0` and resolves once it
 * prints `dashboard at <url>`; rejects (with its output) if it exits first. The caller
 * kills `child`.
 */
export async function startDashboardProcess(
  command: string,
  prefix: string[],
  graphqlUrl: string,
  options: { cwd?: string } = {},
): Promise<DashboardProcess> {
  const child = spawn(
    command,
    [...prefix, 'dashboard', '--graphql', graphqlUrl, '--port', '0', '--log-level', 'warn'],
    { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`custos dashboard exited ${code}: ${out}`)));
  });
  return { child, url };
}
