/**
 * How the fake WeChat decides a msgSecCheck verdict, so that tests, demos and a developer typing
 * into the mini program can get every outcome on purpose:
 *
 *   content or title contains `[risky]`  → suggest `risky`,  label 20006 (illegal)
 *   content or title contains `[review]` → suggest `review`, label 21000 (other)
 *   anything else                        → suggest `pass`,   label 100   (normal)
 *
 * `[risky]` wins when both markers appear, as WeChat reports the most severe finding.
 */
import type { Suggest } from '../../wechat/types';

export const RISKY_MARKER = '[risky]';
export const REVIEW_MARKER = '[review]';

export interface FakeVerdict {
  suggest: Suggest;
  label: number;
  /** The marker that decided it, reported as the keyword strategy's hit. */
  keyword?: string;
}

export function decideVerdict(texts: ReadonlyArray<string | undefined>): FakeVerdict {
  const has = (marker: string) => texts.some((text) => text !== undefined && text.includes(marker));
  if (has(RISKY_MARKER)) return { suggest: 'risky', label: 20006, keyword: RISKY_MARKER };
  if (has(REVIEW_MARKER)) return { suggest: 'review', label: 21000, keyword: REVIEW_MARKER };
  return { suggest: 'pass', label: 100 };
}
