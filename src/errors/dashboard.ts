import { BaseError } from './base.js';

/** The fixed codes of {@link DashboardError}. */
export type DashboardErrorCode =
  /** The app's files (`dashboard/index.html` and the rest) are not where the install put them. */
  | 'DASHBOARD_ASSETS_MISSING'
  /** The server could not listen on the host and port asked for. */
  | 'DASHBOARD_LISTEN_FAILED';

/** The dashboard could not start. */
export class DashboardError extends BaseError {
  override name = 'DashboardError';
  constructor(
    override readonly code: DashboardErrorCode,
    details: string,
    options?: { cause?: unknown },
  ) {
    super(code, 'the dashboard could not start', details, options);
  }
}
