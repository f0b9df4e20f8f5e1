// custos dashboard, browser side. Reads only the dashboard server's JSON API (built from
// the indexer's GraphQL service), polls it every two seconds, and builds the page with DOM
// calls: chain data (endpoints, event fields) is always text, never markup.

const POLL_MS = 2000;
const VIEWS = ['validators', 'assignments', 'owner', 'recoveries', 'findings', 'event'];

/** @type {any} the latest /api/overview answer */
let overview = null;
/** @type {any} the cytoscape instance of the assignment graph */
let graph = null;
let graphKey = '';
/** Bumped on every navigation: a reply for an earlier view is dropped. */
let routeToken = 0;

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    // Through the CSSOM: the content security policy refuses style attributes.
    else if (key === 'style') Object.assign(node.style, value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const short = (account) => (account ? `${account.slice(0, 6)}…${account.slice(-4)}` : '-');
const accountEl = (account) => el('span', { class: 'account', title: account }, short(account));
const eventLink = (id) => el('a', { href: `#event/${id}`, 'data-event': id }, id);
const ownerLink = (id) => el('a', { href: `#owner/${id}`, 'data-owner': id }, short(id));

async function getJson(path) {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${body.code ?? res.status}: ${body.message ?? 'request failed'}`);
  return body;
}

function table(headers, rows, attrs = {}) {
  return el(
    'table',
    attrs,
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        headers.map((h) => el('th', {}, h)),
      ),
    ),
    el('tbody', {}, rows),
  );
}

function renderValidators() {
  const section = document.getElementById('view-validators');
  const rows = overview.validators.map((v) =>
    el(
      'tr',
      { 'data-validator': v.operator },
      el('td', {}, accountEl(v.operator)),
      el('td', {}, accountEl(v.tssAccount)),
      el(
        'td',
        {},
        el(
          'span',
          {
            class: `badge ${v.status === 'VALIDATING' ? 'ok' : v.status === 'LEFT' || v.status === 'REMOVED' ? 'bad' : 'warn'}`,
          },
          v.status,
        ),
      ),
      el('td', {}, v.active ? 'yes' : 'no'),
      el('td', {}, el('code', {}, v.endpoint)),
      el('td', {}, v.incarnation),
      el('td', {}, v.lastRestartBlock ?? '-'),
      el('td', {}, v.registeredAt),
    ),
  );
  section.replaceChildren(
    el('h2', {}, `Validators (${overview.validators.length})`),
    table(
      [
        'operator',
        'TSS account',
        'status',
        'active',
        'endpoint',
        'incarnation',
        'last restart',
        'registered',
      ],
      rows,
      { 'data-testid': 'validators-table' },
    ),
  );
}

function renderGraph() {
  const { owners, edges } = overview.graph;
  const key = JSON.stringify(overview.graph);
  const container = document.getElementById('graph');
  if (key !== graphKey && window.cytoscape && container.offsetParent !== null) {
    graphKey = key;
    const ids = new Set([...owners.map((o) => o.id), ...edges.map((e) => e.holder)]);
    const settled = new Map(owners.map((o) => [o.id, o.settled]));
    graph?.destroy();
    graph = window.cytoscape({
      container,
      elements: [
        ...[...ids].map((id) => ({
          data: { id, label: short(id), settled: settled.get(id) === false ? 'no' : 'yes' },
        })),
        ...edges.map((e) => ({
          data: { id: `${e.owner}>${e.holder}`, source: e.owner, target: e.holder, state: e.state },
        })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            'background-color': '#3547b8',
            width: 18,
            height: 18,
          },
        },
        { selector: 'node[settled = "no"]', style: { 'background-color': '#b54708' } },
        {
          selector: 'edge',
          style: {
            width: 2,
            'curve-style': 'bezier',
            'target-arrow-shape': 'triangle',
            'line-color': '#12805c',
            'target-arrow-color': '#12805c',
          },
        },
        {
          selector: 'edge[state = "pending"]',
          style: {
            'line-style': 'dashed',
            'line-color': '#b54708',
            'target-arrow-color': '#b54708',
          },
        },
        {
          selector: 'edge[state = "outgoing"]',
          style: {
            'line-style': 'dotted',
            'line-color': '#98a2b3',
            'target-arrow-color': '#98a2b3',
          },
        },
      ],
      layout: { name: 'circle', padding: 30 },
      userZoomingEnabled: false,
    });
    graph.on('tap', 'node', (event) => {
      location.hash = `#owner/${event.target.id()}`;
    });
    window.custosGraph = graph;
  }
  const rows = owners.map((o) => {
    const mine = edges.filter((e) => e.owner === o.id);
    return el(
      'tr',
      { 'data-owner-row': o.id },
      el('td', {}, ownerLink(o.id)),
      el('td', {}, `${o.confirmedEpoch} / ${o.currentEpoch}`),
      el(
        'td',
        {},
        el(
          'span',
          { class: `badge ${o.settled ? 'ok' : 'warn'}` },
          o.settled ? 'confirmed' : 'pending',
        ),
      ),
      el('td', {}, o.threshold),
      el(
        'td',
        {},
        mine.map((e) =>
          el(
            'span',
            {
              class: `badge ${e.state === 'confirmed' ? 'ok' : e.state === 'pending' ? 'warn' : 'muted'}`,
              'data-holder': e.holder,
              'data-state': e.state,
              title: e.holder,
            },
            `${short(e.holder)} ${e.state}`,
          ),
        ),
      ),
    );
  });
  document.getElementById('assignment-table').replaceChildren(
    el(
      'p',
      { class: 'legend' },
      el('span', { class: 'ok' }, '— holds a share of the confirmed epoch (counts for recovery)'),
      el('span', { class: 'warn' }, '- - provider without a confirmed share yet'),
      el('span', { class: 'muted' }, '··· confirmed holder leaving'),
    ),
    table(['owner', 'confirmed / current epoch', 'state', 't', 'holders'], rows, {
      'data-testid': 'assignment-table',
    }),
  );
}

/** Horizontal position (percent) of `block` between `from` and `to`. */
const at = (block, from, to) => (to === from ? 50 : ((block - from) / (to - from)) * 100);

function renderRecoveries() {
  const section = document.getElementById('view-recoveries');
  const items = overview.recoveries.map((r) => {
    const blocks = r.steps.map((s) => s.block);
    const from = Math.min(...blocks);
    const to = Math.max(...blocks);
    const releases = r.steps.filter(
      (s) => s.step === 'released' || s.step === 'escrow-released',
    ).length;
    return el(
      'div',
      { class: 'timeline', 'data-recovery': `${r.owner}-${r.incarnation}` },
      el(
        'div',
        {},
        ownerLink(r.owner),
        ` incarnation ${r.incarnation}: `,
        el('span', { class: `badge ${r.ready ? 'ok' : 'warn'}` }, r.ready ? 'ready' : 'recovering'),
        ` ${releases} release${releases === 1 ? '' : 's'}, blocks ${from}–${to}`,
      ),
      el(
        'div',
        { class: 'track' },
        [...new Set(r.steps.map((s) => s.block))].map((block) => {
          const here = r.steps.filter((s) => s.block === block);
          return el(
            'div',
            {
              class: `mark ${here.at(-1).step}`,
              style: { left: `${at(block, from, to)}%` },
              'data-block': block,
            },
            el('span', {}, `#${block} ${[...new Set(here.map((s) => s.step))].join(' + ')}`),
          );
        }),
      ),
      table(
        ['step', 'block', 'event', 'holder'],
        r.steps.map((s) =>
          el(
            'tr',
            { 'data-step': s.step },
            el('td', {}, s.step),
            el('td', {}, s.block),
            el('td', {}, s.event ? eventLink(s.event) : 'the block the restart quote names'),
            el('td', {}, s.provider ? accountEl(s.provider) : ''),
          ),
        ),
      ),
    );
  });
  section.replaceChildren(
    el('h2', {}, `Recoveries (${overview.recoveries.length})`),
    el(
      'p',
      { class: 'muted' },
      'From the chain: the block the restart quote names, the restart attestation, each holder’s release receipt, and the owner’s next confirmation (its KEK rotated: ready).',
    ),
    ...(items.length ? items : [el('p', {}, 'no restart attested yet')]),
  );
}

function renderFindings() {
  const section = document.getElementById('view-findings');
  const open = overview.findings.filter((f) => !f.resolved).length;
  const rows = overview.findings.map((f) =>
    el(
      'tr',
      { 'data-finding': f.id, 'data-kind': f.kind },
      el('td', {}, el('span', { class: `badge ${f.resolved ? 'muted' : 'bad'}` }, f.kind)),
      el('td', {}, accountEl(f.subject)),
      el('td', {}, f.owner ? ownerLink(f.owner) : '-'),
      el('td', {}, f.details),
      el('td', {}, f.evidenceBlocks.join(', ')),
      el(
        'td',
        {},
        f.evidenceEvents.map((id) => [eventLink(id), ' ']),
      ),
      el('td', {}, f.resolved ? `resolved at ${f.resolvedAt}` : `open since ${f.firstSeen}`),
    ),
  );
  section.replaceChildren(
    el('h2', {}, `Findings (${open} open, ${overview.findings.length} in all)`),
    table(
      ['kind', 'subject', 'owner', 'details', 'evidence blocks', 'evidence events', 'state'],
      rows,
      { 'data-testid': 'findings-table' },
    ),
  );
}

async function renderOwner(account, token) {
  const section = document.getElementById('view-owner');
  section.replaceChildren(el('p', {}, 'loading …'));
  let owner;
  try {
    owner = await getJson(`/api/owners/${encodeURIComponent(account)}/epochs`);
  } catch (error) {
    if (token === routeToken)
      section.replaceChildren(el('p', { class: 'bad' }, String(error.message)));
    return;
  }
  if (token !== routeToken) return;
  const height = Math.max(
    overview?.indexedHeight ?? 0,
    ...owner.epochs.map((e) => Math.max(e.openedAt, e.closedAt ?? 0, e.confirmedAt ?? 0)),
  );
  const from = Math.min(...owner.epochs.map((e) => e.openedAt));
  const bars = owner.epochs.map((e) => {
    const end = e.closedAt ?? height;
    return el('div', {
      class: `bar${e.confirmedAt !== null ? ' confirmed' : ''}`,
      style: {
        left: `${at(e.openedAt, from, height)}%`,
        width: `${Math.max(0.5, at(end, from, height) - at(e.openedAt, from, height))}%`,
      },
      title: `epoch ${e.epoch} (${e.cause})`,
      'data-epoch': `${e.registration}-${e.epoch}`,
    });
  });
  const rows = owner.epochs.map((e) =>
    el(
      'tr',
      { 'data-epoch-row': `${e.registration}-${e.epoch}` },
      el('td', {}, e.registration),
      el('td', {}, e.epoch),
      el('td', {}, e.cause),
      el('td', {}, eventLink(e.openedBy), ` #${e.openedAt}`),
      el('td', {}, e.closedAt ?? 'current'),
      el('td', {}, e.confirmedAt ?? el('span', { class: 'warn' }, 'unconfirmed')),
      el(
        'td',
        {},
        e.providers.map((p) => [accountEl(p), ' ']),
      ),
      el(
        'td',
        {},
        e.holders.map((p) => [accountEl(p), ' ']),
      ),
    ),
  );
  section.replaceChildren(
    el(
      'h2',
      {},
      'Epochs of ',
      el('span', { class: 'account', 'data-testid': 'owner-account' }, account),
      ` (registration ${owner.registration})`,
    ),
    el('div', { class: 'timeline' }, el('div', { class: 'track' }, bars)),
    table(
      ['registration', 'epoch', 'cause', 'opened', 'closed', 'confirmed', 'providers', 'holders'],
      rows,
      { 'data-testid': 'epoch-table' },
    ),
  );
}

async function renderEvent(id, token) {
  const section = document.getElementById('view-event');
  section.replaceChildren(el('p', {}, 'loading …'));
  try {
    const event = await getJson(`/api/events/${encodeURIComponent(id)}`);
    if (token !== routeToken) return;
    section.replaceChildren(
      el(
        'h2',
        { 'data-testid': 'event-title' },
        `${event.pallet}.${event.method}`,
        ` in block ${event.blockNumber}`,
      ),
      el('p', {}, `event ${event.id}`),
      el('pre', { 'data-testid': 'event-args' }, JSON.stringify(event.args, null, 2)),
    );
  } catch (error) {
    if (token === routeToken)
      section.replaceChildren(el('p', { class: 'bad' }, String(error.message)));
  }
}

function currentRoute() {
  const [view, arg] = location.hash.replace(/^#/, '').split('/');
  if (!VIEWS.includes(view)) return { view: 'validators' };
  try {
    return { view, arg: arg ? decodeURIComponent(arg) : undefined };
  } catch {
    return { view: 'validators' }; // a malformed %-escape in a hand-typed link
  }
}

function show(view) {
  for (const name of VIEWS)
    document.getElementById(`view-${name}`).classList.toggle('current', name === view);
  for (const link of document.querySelectorAll('nav a'))
    link.classList.toggle('current', link.dataset.view === view);
}

function renderLive() {
  if (!overview) return;
  renderValidators();
  renderRecoveries();
  renderFindings();
  renderGraph();
}

async function route() {
  const { view, arg } = currentRoute();
  const token = ++routeToken;
  show(view);
  if (view === 'owner' && arg) await renderOwner(arg, token);
  if (view === 'event' && arg) await renderEvent(arg, token);
  renderLive();
}

async function poll() {
  const status = document.getElementById('status');
  try {
    overview = await getJson('/api/overview');
    status.className = '';
    status.textContent = `indexed block ${overview.indexedHeight ?? '-'} of ${overview.targetHeight ?? '-'}`;
    status.dataset.height = String(overview.indexedHeight ?? '');
    renderLive();
  } catch (error) {
    status.className = 'stale';
    status.textContent = `indexer unreachable (${error.message}); showing the last answer`;
  }
  setTimeout(poll, POLL_MS);
}

window.addEventListener('hashchange', () => void route());
void route();
void poll();
