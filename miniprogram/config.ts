/**
 * Settings chosen when the mini program is built or uploaded, never at run time from
 * `envVersion`: WeChat's reviewers run the `develop` build, so mapping `develop` to a local
 * server would show them a broken app. `npm run upload` (review kit) refuses a non-https or
 * local API base URL.
 */
export const config = {
  /** Where the reference server listens. `npm start` serves http://127.0.0.1:3000 for DevTools. */
  apiBaseUrl: 'http://127.0.0.1:3000',
  requestTimeoutMs: 10_000,
} as const;
