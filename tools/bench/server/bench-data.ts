/**
 * Builds the databases the server bench runs against: a forum of realistic size (thousands of
 * posts with long Chinese titles and bodies, images, busy threads) and, for the moderation
 * queues, the same forum with N items waiting in each queue. Rows are written in bulk with
 * explicit ids, straight through Kysely, so a 100,000-item queue takes seconds, not minutes.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/database';
import { migrateToLatest } from '../../../server/src/db/migrate';
import type { Database } from '../../../server/src/db/schema';

export interface ForumSize {
  users: number;
  posts: number;
  /** Average comments per post; every 50th post is a hot thread with 60. */
  commentsPerPost: number;
  /** Share of posts with images (1–9 each). */
  imageShare: number;
}

export const FULL_FORUM: ForumSize = { users: 2_000, posts: 20_000, commentsPerPost: 5, imageShare: 0.3 };
export const QUICK_FORUM: ForumSize = { users: 200, posts: 2_000, commentsPerPost: 3, imageShare: 0.3 };

/** Where a bench database lives: a SQLite file, or a schema of the PostgreSQL at BENCH_DATABASE_URL. */
export type BenchDatabase = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };

export function openBenchDatabase(target: BenchDatabase): DatabaseHandle {
  return target.kind === 'sqlite'
    ? openDatabase({ kind: 'sqlite', path: target.path })
    : openDatabase({ kind: 'postgres', url: target.url, schema: target.schema });
}

const PHRASES = [
  '周末带孩子去了城郊的湿地公园',
  '分享一个整理书架的小办法',
  '新手第一次做红烧肉的经验',
  '关于通勤路上读书这件事',
  '小区门口新开的面馆味道怎么样',
  '求推荐适合初学者的跑鞋',
  '记录一下今年阳台种菜的收获',
  '老房子翻新踩过的那些坑',
  '每天坚持早起一个月后的变化',
  '旅行途中遇到的温暖瞬间',
  '聊聊大家都用什么记账方法',
  '雨天在家做的手工小物',
];
const SENTENCES = [
  '早上七点出门的时候天还有点阴，',
  '路上的人不多，空气里有股青草的味道。',
  '后来想了想，其实最重要的是坚持下去，',
  '如果你也有类似的经历，欢迎在下面留言交流。',
  '我把过程拍了几张照片，放在下面供参考。',
  '价格方面比预想的便宜一些，',
  '中间遇到了一点小问题，好在邻居帮了忙。',
  '整体体验还不错，下次还会再去。',
  '有几点需要提醒大家注意：',
  '第一，提前查好天气；',
  '第二，带够水和零食；',
  '第三，注意安全，量力而行。',
  '总之这是一次很愉快的尝试。',
  '也欢迎大家补充自己的心得。',
];

/** A deterministic pseudo-random sequence, so every run builds the same forum. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function text(next: () => number, chars: number): string {
  let out = '';
  while (out.length < chars) out += SENTENCES[Math.floor(next() * SENTENCES.length)];
  return out.slice(0, chars);
}

/** Titles near the 60-character limit half the time: the setData and list sizes should see long ones. */
function title(next: () => number, i: number): string {
  const base = `${PHRASES[i % PHRASES.length]}（第${i}篇）`;
  return next() < 0.5 ? `${base}：${text(next, 60)}`.slice(0, 60) : base;
}

const BATCH = 500;

async function insertBatched<T extends keyof Database & string>(
  db: DatabaseHandle['db'],
  table: T,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}

async function resetSequences(handle: DatabaseHandle, tables: string[]): Promise<void> {
  if (handle.dialect !== 'postgres') return;
  for (const table of tables) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT max(id) FROM ${sql.table(table)}), 1))`.execute(
      handle.db,
    );
  }
}

const ISO_BASE = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (offsetSeconds: number) => new Date(ISO_BASE + offsetSeconds * 1000).toISOString();

export interface ForumFacts {
  boardIds: number[];
  /** Published posts with ≥ 20 published comments (thread pages to read). */
  busyPostIds: number[];
  publishedPostIds: number[];
  moderatorId: number;
  firstUserId: number;
}

/** A migrated database with a forum of `size`; returns ids the bench reads. */
export async function buildForum(target: BenchDatabase, size: ForumSize): Promise<ForumFacts> {
  if (target.kind === 'sqlite') fs.mkdirSync(path.dirname(target.path), { recursive: true });
  const handle = openBenchDatabase(target);
  try {
    await migrateToLatest(handle);
    const db = handle.db;
    const next = random(14);
    await insertBatched(db, 'boards', [
      { id: 1, slug: 'general', name: '综合讨论', description: '什么都可以聊', sort_order: 1 },
      { id: 2, slug: 'life', name: '生活分享', description: '日常与经验', sort_order: 2 },
      { id: 3, slug: 'help', name: '求助问答', description: '有问题来这里', sort_order: 3 },
    ]);
    const users = Array.from({ length: size.users }, (_, k) => {
      const id = k + 1;
      return {
        id,
        openid: `o_bench_${id}`,
        username: id === 1 ? 'bench-moderator' : null,
        password_hash: null,
        role: id === 1 ? 'moderator' : 'member',
        nickname: `社区成员${id}号`,
        pending_nickname: null,
        pending_nickname_status: null,
        avatar_media_id: null,
        pending_avatar_media_id: null,
        banned_at: null,
        deleted_at: null,
        created_at: iso(id),
        updated_at: iso(id),
      };
    });
    await insertBatched(db, 'users', users);
    const posts = [];
    const media = [];
    const postMedia = [];
    const comments = [];
    let commentId = 0;
    const busyPostIds: number[] = [];
    for (let id = 1; id <= size.posts; id += 1) {
      const at = iso(100_000 + id * 30);
      posts.push({
        id,
        board_id: 1 + (id % 3),
        author_id: 2 + (id % (size.users - 1)),
        title: title(next, id),
        body: text(next, 200 + Math.floor(next() * 1_300)),
        status: 'published',
        reject_reason: null,
        pinned: id % 997 === 0 ? 1 : 0,
        comment_count: 0,
        text_verdict: 'pass',
        seed_key: null,
        created_at: at,
        updated_at: at,
      });
      if (next() < size.imageShare) {
        const count = 1 + Math.floor(next() * 9);
        for (let position = 0; position < count; position += 1) {
          const mediaId = randomUUID();
          media.push({
            id: mediaId,
            owner_id: posts[posts.length - 1]!.author_id,
            purpose: 'post_image',
            status: 'approved',
            mime_type: 'image/jpeg',
            byte_size: 240_000,
            width: 1080,
            height: 1440,
            storage_key: `bench/${mediaId}.jpg`,
            fetch_token: randomUUID(),
            fetch_expires_at: at,
            trace_id: null,
            check_openid: null,
            reject_reason: null,
            created_at: at,
            updated_at: at,
          });
          postMedia.push({ post_id: id, media_id: mediaId, position });
        }
      }
      const threadLength = id % 50 === 0 ? 60 : Math.floor(next() * size.commentsPerPost * 2);
      for (let c = 0; c < threadLength; c += 1) {
        commentId += 1;
        comments.push({
          id: commentId,
          post_id: id,
          author_id: 2 + ((id + c) % (size.users - 1)),
          body: text(next, 20 + Math.floor(next() * 180)),
          status: 'published',
          reject_reason: null,
          created_at: iso(100_000 + id * 30 + c),
        });
      }
      posts[posts.length - 1]!.comment_count = threadLength;
      if (threadLength >= 20) busyPostIds.push(id);
    }
    await insertBatched(db, 'posts', posts);
    await insertBatched(db, 'media', media);
    await insertBatched(db, 'post_media', postMedia);
    await insertBatched(db, 'comments', comments);
    await resetSequences(handle, ['boards', 'users', 'posts', 'comments']);
    return { boardIds: [1, 2, 3], busyPostIds, publishedPostIds: posts.map((p) => p.id), moderatorId: 1, firstUserId: 2 };
  } finally {
    await handle.db.destroy();
  }
}

/**
 * Adds `queued` items to each moderation queue: held posts, held comments, images WeChat has not
 * answered for, open reports and held nicknames, all older than anything published.
 */
export async function addModerationBacklog(target: BenchDatabase, queued: number, facts: ForumFacts): Promise<void> {
  const handle = openBenchDatabase(target);
  try {
    const db = handle.db;
    const next = random(99);
    const maxId = async (table: 'users' | 'posts' | 'comments' | 'reports') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.max('id').as('m'))
            .executeTakeFirst()
        )?.m ?? 0,
      );
    const userBase = await maxId('users');
    const postBase = await maxId('posts');
    const commentBase = await maxId('comments');
    const reportBase = await maxId('reports');
    const at = (i: number) => iso(i);
    // Users whose new nickname waits for a moderator; they also author the held content.
    await insertBatched(
      db,
      'users',
      Array.from({ length: queued }, (_, k) => ({
        id: userBase + k + 1,
        openid: `o_queue_${userBase + k + 1}`,
        username: null,
        password_hash: null,
        role: 'member',
        nickname: `排队用户${k}`,
        pending_nickname: `新昵称${k}`,
        pending_nickname_status: 'held',
        avatar_media_id: null,
        pending_avatar_media_id: null,
        banned_at: null,
        deleted_at: null,
        created_at: at(k),
        updated_at: at(k),
      })),
    );
    await insertBatched(
      db,
      'posts',
      Array.from({ length: queued }, (_, k) => ({
        id: postBase + k + 1,
        board_id: facts.boardIds[k % facts.boardIds.length],
        author_id: userBase + k + 1,
        title: title(next, k),
        body: text(next, 400),
        status: k % 2 ? 'held' : 'checking',
        reject_reason: null,
        pinned: 0,
        comment_count: 0,
        text_verdict: k % 2 ? 'review' : 'pending',
        seed_key: null,
        created_at: at(k),
        updated_at: at(k),
      })),
    );
    await insertBatched(
      db,
      'comments',
      Array.from({ length: queued }, (_, k) => ({
        id: commentBase + k + 1,
        post_id: facts.publishedPostIds[k % facts.publishedPostIds.length],
        author_id: userBase + k + 1,
        body: text(next, 120),
        status: 'held',
        reject_reason: null,
        created_at: at(k),
      })),
    );
    await insertBatched(
      db,
      'media',
      Array.from({ length: queued }, (_, k) => {
        const id = randomUUID();
        return {
          id,
          owner_id: userBase + k + 1,
          purpose: 'post_image',
          status: k % 2 ? 'held' : 'pending',
          mime_type: 'image/jpeg',
          byte_size: 180_000,
          width: 1080,
          height: 1080,
          storage_key: `bench/${id}.jpg`,
          fetch_token: randomUUID(),
          fetch_expires_at: at(k),
          trace_id: randomUUID(),
          check_openid: null,
          reject_reason: null,
          created_at: at(k),
          updated_at: at(k),
        };
      }),
    );
    await insertBatched(
      db,
      'reports',
      Array.from({ length: queued }, (_, k) => ({
        id: reportBase + k + 1,
        reporter_id: userBase + k + 1,
        target_type: k % 3 ? 'post' : 'comment',
        target_id: k % 3 ? facts.publishedPostIds[k % facts.publishedPostIds.length] : 1 + (k % 1_000),
        reason: 'spam',
        detail: null,
        status: 'open',
        created_at: at(k),
      })),
    );
    await resetSequences(handle, ['users', 'posts', 'comments', 'reports']);
  } finally {
    await handle.db.destroy();
  }
}
