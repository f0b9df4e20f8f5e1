/**
 * Vitest global setup of every project: the suites spawn the compiled `custos` (dist/), so
 * dist/ is rebuilt first when a source changed since the last build (a no-op after
 * `npm run build`, which `npm test` runs first).
 */
import { ensureBuilt } from '../../tools/build/compiled.js';

export default function setup(): void {
  ensureBuilt();
}
