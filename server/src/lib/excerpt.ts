/** The excerpt a post list shows: the body on one line, cut at 80 characters. Stored at write time. */
export const EXCERPT_LENGTH = 80;

export function excerptOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
}
