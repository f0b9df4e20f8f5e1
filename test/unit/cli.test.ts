/** The `custos` CLI as an operator meets it: help, readable errors, exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CUSTOS_CLI } from '../../tools/build/compiled.js';

const dir = mkdtempSync(join(tmpdir(), 'custos-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function custos(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [CUSTOS_CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

// Each case spawns the compiled CLI (dist/, built by the suite's global setup); the
// timeout only guards against a hang.
describe('custos CLI', { timeout: 120_000 }, () => {
  it('lists its commands and each has --help', () => {
    const top = custos(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of [
      'init',
      'register',
      'start',
      'status',
      'doctor',
      'collateral',
      'audit',
      'assignments',
      'escrow',
    ])
      expect(top.out).toContain(cmd);
    const start = custos(['start', '--help']);
    expect(start.code).toBe(0);
    expect(start.out).toContain('--data-dir');
  });

  it('collateral: a bad chain URL, a missing file or quote is a usage error naming it', () => {
    const common = ['--quote', join(dir, 'nope.quote'), '--signer-uri', '//Bob'];
    const badChain = custos(['collateral', '--file', 'x.json', ...common, '--chain', 'http://x']);
    expect(badChain.code).toBe(2);
    expect(badChain.err).toContain('chain: must be a ws:// or wss:// URL');
    const chain = ['--chain', 'ws://127.0.0.1:9'];
    const noFile = custos(['collateral', '--file', join(dir, 'none.json'), ...common, ...chain]);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('file: cannot read');
    const missing = custos(['collateral', '--file', 'x.json', ...chain]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--quote <file>'");
  });

  it('escrow: keygen prints the public keys once; serve refuses bad flags and key files', () => {
    const keyFile = join(dir, 'member.json');
    const made = custos(['escrow', 'keygen', '--out', keyFile, '--json']);
    expect(made.code).toBe(0);
    const printed = JSON.parse(made.out) as { account: string; sealingKey: string };
    expect(printed.sealingKey).toMatch(/^0x[0-9a-f]{64}$/);
    const again = custos(['escrow', 'keygen', '--out', keyFile]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('out: cannot create');
    const chain = ['--chain', 'ws://127.0.0.1:9'];
    const noFile = custos(['escrow', 'serve', '--key-file', join(dir, 'none.json'), ...chain]);
    expect(noFile.code).toBe(2);
    expect(noFile.err).toContain('key-file: cannot use');
    const badPoll = custos(['escrow', 'serve', '--key-file', keyFile, ...chain, '--poll-ms', 'x']);
    expect(badPoll.code).toBe(2);
    expect(badPoll.err).toContain('poll-ms: must be an integer');
    const badChain = custos(['escrow', 'serve', '--key-file', keyFile, '--chain', 'http://x']);
    expect(badChain.code).toBe(2);
    expect(badChain.err).toContain('chain: must be a ws:// or wss:// URL');
  });

  it('escrow export, sign, submit: bad flags and malformed files are usage errors naming the field', () => {
    const chain = ['--chain', 'ws://127.0.0.1:9'];
    const badMember = custos(['escrow', 'export', '--member', 'nobody', '--out', 'x', ...chain]);
    expect(badMember.code).toBe(2);
    expect(badMember.err).toContain('member: not an SS58 account');
    const noOut = custos(['escrow', 'export', '--member', 'nobody', ...chain]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain("required option '--out <file>'");
    const keyFile = join(dir, 'signer.json');
    expect(custos(['escrow', 'keygen', '--out', keyFile]).code).toBe(0);
    const sign = (
      input: string,
      genesis = `0x${'ab'.repeat(32)}`,
      trust: string[] = ['--trust-export'],
    ) =>
      custos([
        'escrow',
        'sign',
        '--key-file',
        keyFile,
        '--in',
        input,
        '--out',
        join(dir, 'r.json'),
        '--genesis',
        genesis,
        ...trust,
      ]);
    const missing = sign(join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('in: cannot read');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{');
    expect(sign(notJson).err).toContain('export: not JSON');
    const badField = join(dir, 'bad-field.json');
    writeFileSync(
      badField,
      JSON.stringify({ format: 'custos/escrow-export/3', genesisHash: '0x12' }),
    );
    const field = sign(badField);
    expect(field.code).toBe(2);
    expect(field.err).toContain('export: genesisHash: must be 32 bytes');
    const badGenesis = sign(badField, 'abc');
    expect(badGenesis.code).toBe(2);
    expect(badGenesis.err).toContain('genesis: must be 32 bytes');
    // Proofs are checked against a block the operator names, or knowingly not at all.
    const block = `0x${'cd'.repeat(32)}`;
    for (const trust of [[], ['--block', block, '--trust-export']]) {
      const unsure = sign(badField, undefined, trust);
      expect(unsure.code).toBe(2);
      expect(unsure.err).toContain('give exactly one of --block');
    }
    const badBlock = sign(badField, undefined, ['--block', '0x12']);
    expect(badBlock.code).toBe(2);
    expect(badBlock.err).toContain('block: must be 32 bytes');
    // The chain is pinned on every offline run.
    const unpinned = custos([
      'escrow',
      'sign',
      '--key-file',
      keyFile,
      '--in',
      badField,
      '--out',
      'x',
    ]);
    expect(unpinned.code).toBe(2);
    expect(unpinned.err).toContain("required option '--genesis <hash>'");
    // Nothing was written by any refused step.
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
    const submit = custos(['escrow', 'submit', '--in', badField, ...chain]);
    expect(submit.code).toBe(2);
    expect(submit.err).toContain('releases: format');
  });

  it('audit and assignments: a bad URL or kind is a usage error, no service a clear failure', () => {
    const badUrl = custos(['audit', '--graphql', 'ftp://x']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.err).toContain('graphql: must be an http(s) URL');
    const badKind = custos(['audit', '--kind', 'LATE', '--graphql', 'http://127.0.0.1:9/']);
    expect(badKind.code).toBe(2);
    expect(badKind.err).toContain('--kind must be one of');
    const down = custos(['assignments'], { CUSTOS_GRAPHQL_URL: 'http://127.0.0.1:9/' });
    expect(down.code).toBe(1);
    expect(down.err).toContain('GRAPHQL_UNREACHABLE');
    expect(down.err).toContain('127.0.0.1:9');
  });

  it('exits 2 naming every invalid setting', () => {
    const res = custos([
      'start',
      '--data-dir',
      dir,
      '--chain',
      'http://nope',
      '--provider-port',
      '99999',
    ]);
    expect(res.code).toBe(2);
    expect(res.err).toContain('chainUrl: must be a ws:// or wss:// URL');
    expect(res.err).toContain('providerPort');
  });

  it('exits 1 with a clear message when there is no store yet', () => {
    const res = custos(['start'], {
      CUSTOS_DATA_DIR: dir,
      CUSTOS_CHAIN_URL: 'ws://127.0.0.1:1',
      CUSTOS_PROVIDER_PORT: '7000',
    });
    expect(res.code).toBe(1);
    expect(res.err).toContain('no sealed store');
    expect(res.err).toContain('run custos init first');
    const status = custos(['status'], {
      CUSTOS_DATA_DIR: dir,
      CUSTOS_CHAIN_URL: 'ws://127.0.0.1:1',
      CUSTOS_PROVIDER_PORT: '7000',
    });
    expect(status.code).toBe(1);
    expect(status.err).toContain('no registration payload');
  });

  it('doctor: a bad timeout is a usage error naming the flag', () => {
    const res = custos(['doctor', '--finality-timeout', 'soon'], {
      CUSTOS_DATA_DIR: dir,
      CUSTOS_CHAIN_URL: 'ws://127.0.0.1:9',
      CUSTOS_PROVIDER_PORT: '9000',
    });
    expect(res.code).toBe(2);
    expect(res.err).toContain('finality-timeout: must be seconds > 0');
  });

  it('exits 2 on an unknown command', () => {
    expect(custos(['frobnicate']).code).toBe(2);
  });
});
