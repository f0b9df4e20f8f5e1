import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/** Lowest port {@link freePort} hands out: above the usual fixed services. */
const LOWEST = 10_000;

/**
 * The first port of the kernel's ephemeral range (what outgoing connections and `listen(0)`
 * take), or Linux's default when it cannot be read.
 */
function ephemeralStart(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > LOWEST + 1000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** Ports this process handed out, so that two callers never get the same one. */
const handedOut = new Set<number>();

/** Whether 127.0.0.1:`port` can be bound now (it is released again at once). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a server started later. Taken
 * below the kernel's ephemeral range: a port from that range (`listen(0)`) can be taken,
 * before the server binds it, by any outgoing connection on the machine (a companion's to
 * the chain or to its peers), and the server then fails to listen. A random port below the
 * range is only ever taken by a process that asks for it.
 */
export async function freePort(): Promise<number> {
  const span = ephemeralStart() - LOWEST;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * span);
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port found between ${LOWEST} and ${LOWEST + span}`);
}

/**
 * Resolves once something accepts TCP connections on 127.0.0.1:`port`, or rejects after
 * `deadlineMs`. Lets the devnet start processes that open outgoing connections (whose
 * ephemeral ports could take a port a companion is about to bind) only after the
 * companions are listening.
 */
export async function listening(port: number, deadlineMs = 120_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > end) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
