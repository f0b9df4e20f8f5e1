import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/** Lowest port {@link freePort} hands out: above the usual fixed services. */
const LOWEST = 10_000;
/** The fewest ports a range outside the ephemeral one must offer to be used. */
const ENOUGH = 1_000;

/**
 * Ports outside the kernel's ephemeral range (what outgoing connections and `listen(0)`
 * take): below it when there is room, else above it; Linux's default range assumed when
 * it cannot be read. `undefined` when the ephemeral range leaves no room on either side.
 */
export function portsOutside(range: string | undefined): [number, number] | undefined {
  const [low, high] = (range ?? '32768 60999').trim().split(/\s+/).map(Number);
  if (!Number.isInteger(low) || !Number.isInteger(high)) return [LOWEST, 32_768];
  if (low! - LOWEST >= ENOUGH) return [LOWEST, low!];
  if (65_536 - (high! + 1) >= ENOUGH) return [high! + 1, 65_536];
  return undefined;
}

function ephemeralRange(): string | undefined {
  try {
    return readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
  } catch {
    return undefined;
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
 * the chain or to its peers), and the server then fails to listen. A random port outside
 * the range (below it, or above it when it starts too low) is only ever taken by a process
 * that asks for it; one this process handed out is not handed out again (other processes
 * may draw the same port, 1 in several thousand, and the bind check catches one already
 * bound).
 */
export async function freePort(): Promise<number> {
  const outside = portsOutside(ephemeralRange());
  if (!outside) return ephemeralPort(); // no room outside it: the kernel's choice, as before
  const [from, to] = outside;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port found between ${from} and ${to - 1}`);
}

/** A port the kernel picks from its ephemeral range (`listen(0)`), released at once. */
function ephemeralPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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
