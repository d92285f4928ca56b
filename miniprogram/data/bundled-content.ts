/**
 * Content shipped inside the package: the welcome and the community rules, shown under the
 * error state when the server cannot be reached, so a first open offline (or a reviewer on a
 * bad network) never sees a blank page. The text is the seed's own (seed-articles.ts is
 * generated from server/src/dev/seed/content.ts by `npm run generate`).
 */
import { seededRules, seededWelcome, type SeedArticle } from './seed-articles';

export type BundledArticle = SeedArticle;

export const bundledWelcome: BundledArticle = seededWelcome;
export const bundledRules: BundledArticle = seededRules;

/** What the forum shows under its error state. */
export const bundledArticles: BundledArticle[] = [bundledWelcome, bundledRules];
