/**
 * `server.ugcExemptions` in review.config.json: write routes (or some of their fields) that take
 * strings which are not user content shown to others. They are not exercised; each is reported
 * as info with its reason, so the exemption stays visible in every review.
 */
import type { UgcExemption } from '../dynamic-config';
import { routeName } from './write-routes';

function routePattern(route: string): RegExp {
  const [method = '', path = ''] = route.trim().split(/\s+/);
  const name = routeName(method, path);
  const escaped = name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export interface ExemptionIndex {
  /** The exemption covering this field of this route, if any. */
  find(route: string, field: string): UgcExemption | undefined;
  /** Entries that are unusable (no reason), and entries that matched nothing once every route was seen. */
  withoutReason: UgcExemption[];
  unused(): UgcExemption[];
}

export function indexExemptions(entries: readonly UgcExemption[] = []): ExemptionIndex {
  const usable = entries.filter(
    (entry) => typeof entry.reason === 'string' && entry.reason.trim() !== '' && typeof entry.route === 'string',
  );
  const patterns = usable.map((entry) => ({ entry, pattern: routePattern(entry.route) }));
  const used = new Set<UgcExemption>();
  return {
    find(route, field) {
      const hit = patterns.find(({ entry, pattern }) => pattern.test(route) && (!entry.fields || entry.fields.includes(field)));
      if (hit) used.add(hit.entry);
      return hit?.entry;
    },
    withoutReason: entries.filter((entry) => !usable.includes(entry)),
    unused: () => usable.filter((entry) => !used.has(entry)),
  };
}
