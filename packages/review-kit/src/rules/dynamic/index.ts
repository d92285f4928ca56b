/**
 * The dynamic rules: they start the project's server with the fake WeChat on a throwaway
 * database, render every page headless against it, and exercise its write routes (one shared
 * run, see dynamic-run.ts). Skipped by `--static-only`.
 */
import type { Rule } from '../../types';
import { blankPageRule } from './blank-page';
import { renderedTestTextRule } from './rendered-test-text';
import { ugcUncheckedRule } from './ugc-unchecked';

export const dynamicRules: Rule[] = [blankPageRule, renderedTestTextRule, ugcUncheckedRule];
