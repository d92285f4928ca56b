/**
 * The excerpt a post list shows: the body on one line, cut at 52 characters, about the two lines
 * a card shows on a 375-pt-wide phone (the card clamps at two). Stored at write time; excerpts
 * stored before this length changed (80) are clamped by the card the same way.
 */
export const EXCERPT_LENGTH = 52;

export function excerptOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
}
