/**
 * Where a SubQuery node's CPU went while it indexed: reads a V8 `.cpuprofile`, keeps the
 * samples of the steady indexing (from the first tenth of the samples that ran our mapping
 * code to the last such sample, so that start-up module loading is left out), and gives
 * the share of each category below, counting a sample once per category found anywhere on
 * its stack.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The categories reported, each recognised by a frame on the sample's stack. */
const CATEGORIES: [string, (f: CallFrame) => boolean][] = [
  [
    '`api.at(block)`: polkadot.js decorates a whole API for the block',
    (f) => f.functionName === 'at' && f.url.includes('@polkadot/api/cjs/base/Init.js'),
  ],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['our mapping code', (f) => f.url.includes('/project/dist/index.js')],
  [
    'handler calls through the vm2 sandbox (`securedExec`, our code inside included)',
    (f) => f.functionName === 'securedExec',
  ],
  [
    "the store's database work (sequelize, pg)",
    (f) => f.url.includes('x-sequelize') || f.url.includes('/node_modules/pg/'),
  ],
  ['logging (pino)', (f) => f.url.includes('/node_modules/pino/')],
  ['block decoding (`GenericBlock`)', (f) => f.functionName === 'GenericBlock'],
  ['idle', (f) => f.functionName === '(idle)'],
];

/** The steady window's length and each category's share of it, largest first. */
export function cpuShares(path: string): {
  windowMs: number;
  shares: [string, number][];
  /** The 25 frames with the largest inclusive share, for finding what else to cut. */
  topInclusive: [string, number][];
} {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) {
    t += d;
    times.push(t);
  }
  const mapping = profile.samples
    .map((id, i) => (byId.get(id)?.callFrame.url.includes('/project/dist/index.js') ? i : -1))
    .filter((i) => i >= 0);
  if (mapping.length === 0) throw new Error(`${path}: no sample ran the mapping code`);
  const from = times[mapping[Math.floor(mapping.length / 10)]!]!;
  const to = times[mapping[mapping.length - 1]!]!;
  const spent = new Map<string, number>();
  /** Inclusive time of each frame (`function (place)`), counted once per sample. */
  const byFrame = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (times[i]! < from || times[i]! > to) return;
    const delta = profile.timeDeltas[i]!;
    total += delta;
    const hit = new Set<string>();
    const framesHit = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      for (const [name, matches] of CATEGORIES)
        if (!hit.has(name) && matches(frame)) {
          hit.add(name);
          spent.set(name, (spent.get(name) ?? 0) + delta);
        }
      const frameName = `${frame.functionName || '(anonymous)'} (${placeOf(frame.url)})`;
      if (!framesHit.has(frameName)) {
        framesHit.add(frameName);
        byFrame.set(frameName, (byFrame.get(frameName) ?? 0) + delta);
      }
    }
  });
  const sharesOf = (spentBy: Map<string, number>) =>
    [...spentBy]
      .map(([name, us]): [string, number] => [name, us / total])
      .sort((a, b) => b[1] - a[1]);
  return {
    windowMs: total / 1000,
    shares: sharesOf(spent),
    topInclusive: sharesOf(byFrame).slice(0, 25),
  };
}

/** Where a frame's code lives: the package (and file) under node_modules, or the path's tail. */
function placeOf(url: string): string {
  const i = url.lastIndexOf('/node_modules/');
  const tail = i >= 0 ? url.slice(i + 14) : url.split('/').slice(-2).join('/');
  return tail.replace(/^(@[^/]+\/[^/]+|[^/]+)\/(?:cjs\/|dist\/)?/, '$1:');
}
