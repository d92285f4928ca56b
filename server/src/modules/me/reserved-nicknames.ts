/**
 * Nicknames only staff may wear: the seeded staff names and the words that claim authority, so a
 * member cannot pose as 「社区运营」. Compared after NFKC (full-width and compatibility forms fold
 * to plain ones), lower-casing and dropping spaces, punctuation, symbols and invisible characters,
 * so 「社区 运营」, 「社区·运营！」 and 「ＡＤＭＩＮ」 are caught too.
 */
/** A nickname containing one of these is reserved. */
// The seeded staff accounts' nicknames (dev/seed/content.ts) come first.
const STAFF_WORDS = ['社区运营', '社区助手', '官方', '管理员', '版主', '客服', '审核员', '运营团队', 'admin', 'moderator', 'official'];
/** A nickname equal to one of these is reserved (short words that are fine inside other names). */
const STAFF_NAMES = ['运营', '系统', '系统消息', '社区', 'system', 'staff', 'root', '审核体验账号'];

export function normalizeNickname(nickname: string): string {
  return nickname
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\s]/gu, '');
}

const words = STAFF_WORDS.map(normalizeNickname);
const names = new Set(STAFF_NAMES.map(normalizeNickname));

export function isReservedNickname(nickname: string): boolean {
  const normalized = normalizeNickname(nickname);
  return names.has(normalized) || words.some((word) => normalized.includes(word));
}
