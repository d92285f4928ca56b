/**
 * How the fake WeChat decides content-check verdicts, so that tests, demos and a developer using
 * the mini program can get every outcome on purpose.
 *
 * Text (msgSecCheck):
 *   content or title contains `[risky]`  → suggest `risky`,  label 20006 (illegal)
 *   content or title contains `[review]` → suggest `review`, label 21000 (other)
 *   anything else                        → suggest `pass`,   label 100   (normal)
 * `[risky]` wins when both markers appear, as WeChat reports the most severe finding.
 *
 * Images (mediaCheckAsync), by the decoded image's width in pixels:
 *   exactly 13 px wide → suggest `risky`,  label 20002 (porn)
 *   exactly 17 px wide → suggest `review`, label 21000 (other)
 *   any other width    → suggest `pass`,   label 100   (normal)
 * Width, because dimensions survive the re-encoding a server does to strip metadata, while a
 * marker in EXIF or a file name would not; and no real photo is 13 or 17 pixels wide.
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

export const RISKY_IMAGE_WIDTH = 13;
export const REVIEW_IMAGE_WIDTH = 17;

export function decideImageVerdict(width: number): FakeVerdict {
  if (width === RISKY_IMAGE_WIDTH) return { suggest: 'risky', label: 20002 };
  if (width === REVIEW_IMAGE_WIDTH) return { suggest: 'review', label: 21000 };
  return { suggest: 'pass', label: 100 };
}

/** The label the fake reports when a test forces a suggestion (`pushFor(…, { suggest })`). */
export function imageVerdictFor(suggest: Suggest): FakeVerdict {
  return decideImageVerdict(suggest === 'risky' ? RISKY_IMAGE_WIDTH : suggest === 'review' ? REVIEW_IMAGE_WIDTH : 0);
}
