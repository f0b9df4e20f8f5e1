/** Where the devnet takes its ports: outside the kernel's ephemeral range. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, portsOutside } from '../../tools/devnet/ports.js';

describe('ports outside the ephemeral range', () => {
  it('below the range when there is room, else above it, else none', () => {
    expect(portsOutside('32768\t60999\n')).toEqual([10_000, 32_768]);
    expect(portsOutside('1024 49151')).toEqual([49_152, 65_536]);
    expect(portsOutside('1024 65535')).toBeUndefined();
  });

  it("assumes Linux's default range when the kernel's cannot be read", () => {
    expect(portsOutside(undefined)).toEqual([10_000, 32_768]);
    expect(portsOutside('garbage')).toEqual([10_000, 32_768]);
  });

  it('hands out distinct bindable ports below the range on this machine', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    const range = '/proc/sys/net/ipv4/ip_local_port_range';
    const [from, to] = portsOutside(
      existsSync(range) ? readFileSync(range, 'utf8') : undefined,
    ) ?? [0, 65_536];
    for (const p of ports) expect(p >= from && p < to).toBe(true);
  });
});
