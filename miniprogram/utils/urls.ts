/** Image paths from the API are relative to its base URL (so one server works behind any domain). */
import { config } from '../config';

export function absoluteUrl(path: string | null): string | null {
  if (path === null) return null;
  return /^https?:\/\//.test(path) ? path : `${config.apiBaseUrl}${path}`;
}
