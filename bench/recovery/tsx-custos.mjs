// The `custos` CLI from its TypeScript sources through tsx, as the devnet ran every
// companion before the CLI was compiled (`node --import tsx src/cli/main.ts`). Only
// `bench/recovery/restart.ts --tsx` uses it, to measure the two side by side.
import { register } from 'tsx/esm/api';

register();
await import('../../src/cli/main.ts');
