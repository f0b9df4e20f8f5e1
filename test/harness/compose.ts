/**
 * Static checks of a docker-compose file, for a machine without Docker: the file parses,
 * and what it refers to exists and is wired coherently. {@link checkCompose} returns every
 * problem it finds as a readable line (`"<service>: <what is wrong>"`), so a test can assert
 * an empty list and show all problems at once.
 *
 * @example
 * const compose = loadCompose('docker-compose.yml');
 * expect(checkCompose(compose, { root: process.cwd() })).toEqual([]);
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

/** A `depends_on` entry in long syntax. */
export interface DependsOn {
  condition?: string;
}

/** The parts of a compose service the checks read. */
export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, DependsOn>;
  volumes?: (string | { type?: string; source?: string; target?: string; read_only?: boolean })[];
  ports?: (string | number | { target?: number; published?: string | number; host_ip?: string })[];
  restart?: string;
  /** Whether the container's root filesystem is mounted read-only. */
  read_only?: boolean;
  /** tmpfs mounts, `path[:options]`. */
  tmpfs?: string | string[];
}

/** The parts of a compose file the checks read. */
export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** A volume entry, normalised from short or long syntax. */
export interface Mount {
  /** `bind` (host path), `volume` (named) or `tmpfs`/anonymous. */
  type: 'bind' | 'volume' | 'other';
  /** Host path as written (bind) or volume name (volume). */
  source?: string;
  target: string;
  readOnly: boolean;
}

/** A published port, normalised from short or long syntax. */
export interface PublishedPort {
  /** Host address it binds; undefined means every interface. */
  hostIp?: string;
  hostPort?: string;
  containerPort: string;
}

/** Options of {@link checkCompose}. */
export interface CheckOptions {
  /** Directory of the compose file: relative host paths resolve against it. */
  root: string;
  /**
   * Host paths (relative to `root`, `/`-separated) that may be missing without a problem
   * being reported. Default: none.
   */
  optional?: (path: string) => boolean;
}

/** Host addresses a published port may bind. */
const LOOPBACK = new Set(['127.0.0.1']);
/** Hosts a URL may name besides the file's own services: the container itself. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const DEPENDS_CONDITIONS = new Set([
  'service_started',
  'service_healthy',
  'service_completed_successfully',
]);

/**
 * Parses compose YAML (with `<<` merge keys, which Compose supports). Throws when the text
 * is not YAML or has no `services` mapping.
 */
export function parseCompose(text: string): ComposeFile {
  const doc: unknown = parse(text, { merge: true });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error('compose file is not a mapping');
  }
  const services = (doc as { services?: unknown }).services;
  if (services === null || typeof services !== 'object' || Array.isArray(services)) {
    throw new Error('compose file has no services mapping');
  }
  return doc as ComposeFile;
}

/** Reads and parses the compose file at `path` (see {@link parseCompose}). */
export function loadCompose(path: string): ComposeFile {
  return parseCompose(readFileSync(path, 'utf8'));
}

/** The service's environment as a map (list syntax `K=V` included); unset values are ''. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

/** `command` or `entrypoint` as a word list (a string is split on spaces). */
export function words(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : value.split(/\s+/).filter(Boolean);
}

/** The value of the first `<name>=<value>` word (e.g. `--chain=x`), if there is one. */
export function flagValue(args: string[], name: string): string | undefined {
  const prefix = `${name}=`;
  const hit = args.find((a) => a.startsWith(prefix));
  return hit === undefined ? undefined : hit.slice(prefix.length);
}

/** The service's volume entries, normalised. */
export function mountsOf(service: ComposeService): Mount[] {
  return (service.volumes ?? []).map((v) => {
    if (typeof v === 'string') {
      const parts = v.split(':');
      if (parts.length === 1) return { type: 'other', target: v, readOnly: false };
      const [source = '', target = '', mode = ''] = parts;
      const bind = /^[./~]/.test(source);
      return {
        type: bind ? 'bind' : 'volume',
        source,
        target,
        readOnly: mode.split(',').includes('ro'),
      };
    }
    const type = v.type === 'bind' ? 'bind' : v.type === 'volume' ? 'volume' : 'other';
    return { type, source: v.source, target: v.target ?? '', readOnly: v.read_only === true };
  });
}

/** The service's published ports, normalised. */
export function portsOf(service: ComposeService): PublishedPort[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') {
      return {
        hostIp: p.host_ip,
        hostPort: p.published === undefined ? undefined : String(p.published),
        containerPort: String(p.target ?? ''),
      };
    }
    const spec = String(p).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    if (parts.length >= 3) {
      const containerPort = parts.pop() ?? '';
      const hostPort = parts.pop();
      return { hostIp: parts.join(':'), hostPort, containerPort };
    }
    if (parts.length === 2) return { hostPort: parts[0], containerPort: parts[1] ?? '' };
    return { containerPort: spec };
  });
}

/** The `depends_on` targets of a service, with their conditions (default `service_started`). */
export function dependenciesOf(service: ComposeService): Record<string, string> {
  const deps = service.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(
    Object.entries(deps).map(([name, d]) => [name, d?.condition ?? 'service_started']),
  );
}

/**
 * The tag of an image reference (`repo[:tag][@digest]`): `latest` when none is written,
 * undefined when the reference is pinned by digest only.
 */
export function imageTag(image: string): string | undefined {
  const [ref = '', digest] = image.split('@');
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  if (colon >= 0) return ref.slice(colon + 1);
  return digest ? undefined : 'latest';
}

/**
 * Services other services wait on with `service_completed_successfully`: one-shot jobs,
 * which serve nothing and so need no health check.
 */
export function oneShotServices(compose: ComposeFile): Set<string> {
  const names = new Set<string>();
  for (const service of Object.values(compose.services)) {
    for (const [target, condition] of Object.entries(dependenciesOf(service))) {
      if (condition === 'service_completed_successfully') names.add(target);
    }
  }
  return names;
}

/**
 * Host paths a Dockerfile copies from its build context (`COPY`/`ADD` sources; `--from`
 * stages and URLs excluded), in the order written.
 */
export function dockerfileSources(dockerfile: string): string[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim());
  const sources: string[] = [];
  for (const line of lines) {
    const match = /^(COPY|ADD)\s+(.*)$/i.exec(line);
    if (!match) continue;
    const rest = match[2] ?? '';
    let args: string[];
    if (rest.trimStart().startsWith('[')) {
      args = JSON.parse(rest) as string[];
    } else {
      args = rest.split(/\s+/).filter(Boolean);
    }
    if (args.some((a) => a.startsWith('--from='))) continue;
    const paths = args.filter((a) => !a.startsWith('--'));
    paths.pop(); // destination
    sources.push(...paths.filter((p) => !/^[a-z]+:\/\//i.test(p)));
  }
  return sources;
}

/**
 * Whether the service has a health check that runs something: not disabled, not `NONE`,
 * and with a command (after `CMD`/`CMD-SHELL` in list form).
 */
export function hasHealthcheck(service: ComposeService): boolean {
  const check = service.healthcheck;
  if (!check || check.disable === true || check.test === undefined) return false;
  const test = check.test;
  const command = Array.isArray(test) ? test.slice(1) : words(test);
  return (Array.isArray(test) ? test[0] !== 'NONE' : true) && command.length > 0;
}

function hostsOfUrls(text: string): string[] {
  const hosts: string[] = [];
  for (const m of text.matchAll(
    /\b(?:wss?|https?|postgres(?:ql)?):\/\/(?:[^@/\s]*@)?(\[[^\]]+\]|[^:/\s'")]+)/g,
  )) {
    if (m[1]) hosts.push(m[1]);
  }
  return hosts;
}

/**
 * Every problem of `compose`, as `"<service>: <problem>"` lines (sorted; empty when none):
 *
 * - each service has an image or a build, and a command or an entrypoint of ours;
 * - no image is `latest` or untagged;
 * - each service that serves has a health check (one-shot jobs, see
 *   {@link oneShotServices}, need none), and a one-shot job does not restart;
 * - `depends_on` names existing services with a known condition, `service_healthy` only
 *   targets with a health check;
 * - published ports bind 127.0.0.1, and no host port is published twice;
 * - bind-mount sources, build contexts, Dockerfiles and the files they copy exist inside
 *   `root` (unless `optional` allows their absence);
 * - named volumes are declared at the top level, and every declared one is used;
 * - URLs in commands and environments name a service of the file or the container itself,
 *   so nothing reaches outside the compose network.
 */
export function checkCompose(compose: ComposeFile, options: CheckOptions): string[] {
  const problems: string[] = [];
  const root = resolve(options.root);
  const optional = options.optional ?? (() => false);
  const services = compose.services;
  const names = new Set(Object.keys(services));
  const oneShots = oneShotServices(compose);
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));
  const usedVolumes = new Set<string>();
  const hostPorts = new Map<string, string>();

  /** Checks a host path; returns its absolute form when it is inside `root`. */
  const hostPath = (service: string, what: string, path: string): string | undefined => {
    const absolute = isAbsolute(path) ? path : resolve(root, path);
    const rel = relative(root, absolute).split('\\').join('/');
    if (path.startsWith('~') || rel.startsWith('..') || isAbsolute(rel)) {
      problems.push(`${service}: ${what} ${path} is outside the repository`);
      return undefined;
    }
    if (!existsSync(absolute) && !optional(rel)) {
      problems.push(`${service}: ${what} ${path} does not exist`);
      return undefined;
    }
    return absolute;
  };

  for (const [name, service] of Object.entries(services)) {
    if (!service.image && !service.build) problems.push(`${name}: neither image nor build`);
    if (words(service.command).length === 0 && words(service.entrypoint).length === 0) {
      problems.push(`${name}: no command or entrypoint of ours`);
    }
    if (service.image) {
      const tag = imageTag(service.image);
      if (tag === 'latest') problems.push(`${name}: image ${service.image} is not pinned`);
    }

    if (oneShots.has(name)) {
      if (service.restart && service.restart !== 'no') {
        problems.push(`${name}: one-shot job must not restart (restart: ${service.restart})`);
      }
    } else if (!hasHealthcheck(service)) {
      problems.push(`${name}: no health check`);
    }

    for (const [target, condition] of Object.entries(dependenciesOf(service))) {
      if (!names.has(target)) problems.push(`${name}: depends on unknown service ${target}`);
      else if (target === name) problems.push(`${name}: depends on itself`);
      if (!DEPENDS_CONDITIONS.has(condition)) {
        problems.push(`${name}: unknown depends_on condition ${condition}`);
      }
      const targetService = services[target];
      if (condition === 'service_healthy' && targetService && !hasHealthcheck(targetService)) {
        problems.push(`${name}: waits for ${target} to be healthy, which has no health check`);
      }
    }

    for (const port of portsOf(service)) {
      const label = `${port.hostIp ?? '*'}:${port.hostPort ?? '?'}:${port.containerPort}`;
      if (!port.hostIp || !LOOPBACK.has(port.hostIp)) {
        problems.push(`${name}: port ${label} is published beyond 127.0.0.1`);
      }
      if (port.hostPort) {
        const owner = hostPorts.get(port.hostPort);
        if (owner)
          problems.push(`${name}: host port ${port.hostPort} is also published by ${owner}`);
        else hostPorts.set(port.hostPort, name);
      }
    }

    for (const mount of mountsOf(service)) {
      if (mount.type === 'bind' && mount.source) {
        hostPath(name, 'bind-mount source', mount.source);
      } else if (mount.type === 'volume' && mount.source) {
        usedVolumes.add(mount.source);
        if (!declaredVolumes.has(mount.source)) {
          problems.push(`${name}: named volume ${mount.source} is not declared`);
        }
      }
    }

    if (service.build) {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const context = hostPath(name, 'build context', build.context ?? '.');
      if (context) {
        const dockerfile = hostPath(
          name,
          'Dockerfile',
          relative(root, join(context, build.dockerfile ?? 'Dockerfile')),
        );
        if (dockerfile) {
          for (const source of dockerfileSources(readFileSync(dockerfile, 'utf8'))) {
            hostPath(name, 'Dockerfile source', relative(root, join(context, source)));
          }
        }
      }
    }

    const texts = [
      ...words(service.command),
      ...words(service.entrypoint),
      ...Object.values(environmentOf(service)),
    ];
    for (const host of texts.flatMap(hostsOfUrls)) {
      if (!names.has(host) && !LOCAL_HOSTS.has(host)) {
        problems.push(`${name}: URL host ${host} is neither a service nor the container itself`);
      }
    }
  }

  for (const volume of declaredVolumes) {
    if (!usedVolumes.has(volume)) problems.push(`(volumes): ${volume} is declared but unused`);
  }
  return problems.sort();
}
