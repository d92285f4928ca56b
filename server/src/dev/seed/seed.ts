/**
 * Seeds a fresh install so that no page is ever empty: boards, welcome/rules/how-to/FAQ posts
 * with comments by staff accounts, and the reviewer test account. Idempotent: each board and
 * post is seeded once (recorded in app_meta), so restarts add nothing twice and content a
 * moderator removed does not come back.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import { hashPassword } from '../../modules/auth/passwords';
import { findUserByUsername, insertStaffUser, updateUser } from '../../modules/auth/users.repository';
import { findBoardBySlug, insertBoard } from '../../modules/forum/boards.repository';
import { insertComment } from '../../modules/forum/comments.repository';
import { commentCountChanged } from '../../modules/content-state';
import { insertPost } from '../../modules/forum/posts.repository';
import type { Db } from '../../db/database';
import { helperAccount, operatorAccount, seedBoards, seedPosts } from './content';

export const TEST_ACCOUNT_NICKNAME = '审核体验账号';

export interface SeedResult {
  testAccount: { username: string; role: string; password?: string; enabled: boolean };
  postsAdded: number;
}

async function seededOnce(db: Db, key: string, seed: (trx: Db) => Promise<void>): Promise<boolean> {
  const done = await db.selectFrom('app_meta').select('key').where('key', '=', key).executeTakeFirst();
  if (done) return false;
  await db.transaction().execute(async (trx) => {
    await seed(trx);
    await trx.insertInto('app_meta').values({ key, value: new Date().toISOString() }).execute();
  });
  return true;
}

async function ensureStaff(db: Db, account: { username: string; nickname: string }): Promise<number> {
  const existing = await findUserByUsername(db, account.username);
  if (existing) return existing.id;
  return (await insertStaffUser(db, { ...account, role: 'moderator', passwordHash: null })).id;
}

/**
 * The reviewer account. Development without a configured password gets a fresh one on every
 * start (printed by the launcher); production without one keeps the account unable to log in.
 */
async function ensureTestAccount(db: Db, config: Config): Promise<SeedResult['testAccount']> {
  const { username, role } = config.testAccount;
  const password = config.testAccount.password ?? (config.env === 'production' ? undefined : randomBytes(9).toString('base64url'));
  const passwordHash = password ? await hashPassword(password) : null;
  const existing = await findUserByUsername(db, username);
  if (existing) await updateUser(db, existing.id, { password_hash: passwordHash, role });
  else await insertStaffUser(db, { username, nickname: TEST_ACCOUNT_NICKNAME, role, passwordHash });
  return { username, role, enabled: passwordHash !== null, ...(password && !config.testAccount.password ? { password } : {}) };
}

export async function seedDatabase(db: Db, config: Config): Promise<SeedResult> {
  const staff = { operator: await ensureStaff(db, operatorAccount), helper: await ensureStaff(db, helperAccount) };

  for (const board of seedBoards) {
    await seededOnce(db, `seed:board:${board.slug}`, async (trx) => {
      if (!(await findBoardBySlug(trx, board.slug))) await insertBoard(trx, board);
    });
  }

  let postsAdded = 0;
  // Oldest first, so the first post in content.ts is the newest in the feed.
  for (const post of [...seedPosts].reverse()) {
    const added = await seededOnce(db, `seed:post:${post.key}`, async (trx) => {
      const board = await findBoardBySlug(trx, post.boardSlug);
      if (!board) throw new Error(`Seed post ${post.key} names unknown board ${post.boardSlug}`);
      const postId = await insertPost(trx, {
        boardId: board.id,
        authorId: staff.operator,
        title: post.title,
        body: post.body,
        status: 'published',
        pinned: post.pinned,
        seedKey: post.key,
      });
      for (const comment of post.comments) {
        await insertComment(trx, { postId, authorId: staff[comment.author], body: comment.body, status: 'published' });
        await commentCountChanged(trx, postId, 'published', 'added');
      }
    });
    if (added) postsAdded += 1;
  }

  return { testAccount: await ensureTestAccount(db, config), postsAdded };
}
