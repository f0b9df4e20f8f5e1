/**
 * `custos doctor`'s vocabulary: one row per check, its outcome, and a fixed code for every
 * way a check can fail, so that scripts can act on the code and operators on the detail.
 */

/** Every code a failing doctor row can carry (a fixed list; tests enumerate it). */
export const DOCTOR_CODES = [
  'CHAIN_UNREACHABLE',
  'CHAIN_NOT_FINALIZING',
  'NOT_INITIALISED',
  'NOT_REGISTERED',
  'NO_ATTESTATION',
  'MEASUREMENT_NOT_ACCEPTED',
  'RESTART_KEY_MISMATCH',
  'NOT_BACKED_UP',
  'PROVIDER_UNREACHABLE',
  'CLOCK_SKEW',
  'TOKEN_MISSING',
  'PERMISSIONS_TOO_OPEN',
  'SR25519_NOT_NATIVE',
] as const;

/** A failing row's code. */
export type DoctorCode = (typeof DOCTOR_CODES)[number];

/** The names of the checks, in the order `custos doctor` prints them. */
export const CHECK_NAMES = [
  'chain reachable',
  'chain finalizing',
  'account registered',
  'measurement accepted',
  'restart key matches chain',
  'providers reachable',
  'clock skew',
  'secret API token',
  'file permissions',
  'sr25519 native addon',
] as const;

/** A check's name. */
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * One row of the report. `pass` and `fail` are outcomes; `skip` means the check could not
 * run because of an earlier failure (named in `detail`), so a report with a skipped row
 * always has a failed one too.
 */
export type CheckResult =
  | { name: CheckName; status: 'pass'; detail: string }
  | { name: CheckName; status: 'fail'; code: DoctorCode; detail: string }
  | { name: CheckName; status: 'skip'; detail: string };

/** A passing row. */
export const pass = (name: CheckName, detail: string): CheckResult => ({
  name,
  status: 'pass',
  detail,
});

/** A failing row with its code. */
export const fail = (name: CheckName, code: DoctorCode, detail: string): CheckResult => ({
  name,
  status: 'fail',
  code,
  detail,
});

/** A row that could not run. */
export const skip = (name: CheckName, detail: string): CheckResult => ({
  name,
  status: 'skip',
  detail,
});
