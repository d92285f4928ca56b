/**
 * SQL of moderation: the queues (oldest first, keyset-paginated, each served by an index — see
 * the comments), reports, and the audit log. State changes of content are content-state's.
 *
 * Keyset conditions repeat the time bound on its own (`at >= ?`) beside the row comparison:
 * PostgreSQL seeks a (status, time) index only on the plain bound; SQLite needs neither.
 */
import type { ModerationActionKind, ModerationTargetType } from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import type { ContentStatus, MediaStatus, ReportTarget } from '../../db/schema';
import { isoNow } from '../../lib/time';
import type { Keyset } from './queue-cursor';

export interface QueuePage<Id extends number | string> {
  after?: Keyset<Id>;
  limit: number;
}

/**
 * Queues that hold two statuses are read one status at a time and merged: `status IN (a, b)
 * ORDER BY created_at` cannot be read in order from a (status, created_at, id) index, so the
 * database sorted the whole queue for every page (45 ms at 100,000 queued). Each status is read
 * in index order, at most a page each; merging two pages costs nothing.
 */
async function mergeByKeyset<Row extends { created_at: string; id: number | string }>(
  pages: Promise<Row[]>[],
  limit: number,
): Promise<Row[]> {
  const rows = (await Promise.all(pages)).flat();
  rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.slice(0, limit + 1);
}

/** posts_queue_idx (status, created_at, id), one status at a time (0004). */
export function listPostQueue(db: Db, page: QueuePage<number>) {
  const ofStatus = (status: 'held' | 'checking') => {
    let query = db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.author_id')
      .select([
        'posts.id',
        'posts.board_id',
        'posts.title',
        'posts.body',
        'posts.status',
        'posts.created_at',
        'posts.author_id',
        'users.nickname as author_nickname',
      ])
      .where('posts.status', '=', status);
    const after = page.after;
    if (after)
      query = query
        .where('posts.created_at', '>=', after.at)
        .where((eb) => eb(eb.refTuple('posts.created_at', 'posts.id'), '>', eb.tuple(after.at, after.id)));
    return query
      .orderBy('posts.created_at')
      .orderBy('posts.id')
      .limit(page.limit + 1)
      .execute();
  };
  return mergeByKeyset([ofStatus('held'), ofStatus('checking')], page.limit);
}

/** comments_queue_idx (status, created_at, id). */
export function listCommentQueue(db: Db, page: QueuePage<number>) {
  let query = db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .innerJoin('posts', 'posts.id', 'comments.post_id')
    .select([
      'comments.id',
      'comments.post_id',
      'posts.title as post_title',
      'comments.body',
      'comments.created_at',
      'comments.author_id',
      'users.nickname as author_nickname',
    ])
    .where('comments.status', '=', 'held');
  const after = page.after;
  if (after)
    query = query
      .where('comments.created_at', '>=', after.at)
      .where((eb) => eb(eb.refTuple('comments.created_at', 'comments.id'), '>', eb.tuple(after.at, after.id)));
  return query
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(page.limit + 1)
    .execute();
}

/** media_queue_idx (status, created_at, id), one status at a time (0004); an image belongs to at most one post. */
export function listMediaQueue(db: Db, page: QueuePage<string>) {
  const ofStatus = (status: 'held' | 'pending') => {
    let query = db
      .selectFrom('media')
      .innerJoin('users', 'users.id', 'media.owner_id')
      .leftJoin('post_media', 'post_media.media_id', 'media.id')
      .select([
        'media.id',
        'media.owner_id',
        'users.nickname as owner_nickname',
        'media.purpose',
        'media.status',
        'media.mime_type',
        'media.byte_size',
        'media.width',
        'media.height',
        'media.created_at',
        'post_media.post_id',
      ])
      .where('media.status', '=', status);
    const after = page.after;
    if (after)
      query = query
        .where('media.created_at', '>=', after.at)
        .where((eb) => eb(eb.refTuple('media.created_at', 'media.id'), '>', eb.tuple(after.at, after.id)));
    return query
      .orderBy('media.created_at')
      .orderBy('media.id')
      .limit(page.limit + 1)
      .execute();
  };
  return mergeByKeyset([ofStatus('held'), ofStatus('pending')], page.limit);
}

/** reports_queue_idx (status, id). */
export function listReportQueue(db: Db, page: { afterId?: number; limit: number }) {
  let query = db
    .selectFrom('reports')
    .innerJoin('users', 'users.id', 'reports.reporter_id')
    .select([
      'reports.id',
      'reports.reporter_id',
      'users.nickname as reporter_nickname',
      'reports.reason',
      'reports.detail',
      'reports.target_type',
      'reports.target_id',
      'reports.created_at',
    ])
    .where('reports.status', '=', 'open');
  if (page.afterId !== undefined) query = query.where('reports.id', '>', page.afterId);
  return query
    .orderBy('reports.id')
    .limit(page.limit + 1)
    .execute();
}

/** What a report points at, for the queue: one query per kind of target, by primary key. */
export function findReportedPosts(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(['posts.id', 'posts.title', 'posts.body', 'posts.status', 'posts.author_id', 'users.nickname as author_nickname'])
    .where('posts.id', 'in', ids)
    .execute();
}

export function findReportedComments(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.author_id')
    .select(['comments.id', 'comments.body', 'comments.status', 'comments.author_id', 'users.nickname as author_nickname'])
    .where('comments.id', 'in', ids)
    .execute();
}

/** users_nickname_queue_idx (pending_nickname_status, updated_at, id), from migrations 0003 and 0004. */
export function listNicknameQueue(db: Db, page: QueuePage<number>) {
  let query = db
    .selectFrom('users')
    .select(['id', 'nickname', 'pending_nickname', 'updated_at'])
    .where('pending_nickname_status', '=', 'held')
    .where('deleted_at', 'is', null);
  const after = page.after;
  if (after)
    query = query.where('updated_at', '>=', after.at).where((eb) => eb(eb.refTuple('updated_at', 'id'), '>', eb.tuple(after.at, after.id)));
  return query
    .orderBy('updated_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** Banned accounts, newest ban first: users_banned_idx (banned_at, id) (0020), read backwards. */
export function listBans(db: Db, page: { before?: Keyset<number>; limit: number }) {
  let query = db
    .selectFrom('users')
    .select(['id', 'nickname', 'banned_at'])
    .where('banned_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .$narrowType<{ banned_at: string }>();
  const before = page.before;
  if (before)
    query = query
      .where('banned_at', '<=', before.at)
      .where((eb) => eb(eb.refTuple('banned_at', 'id'), '<', eb.tuple(before.at, before.id)));
  return query
    .orderBy('banned_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

/** The reason given with each user's latest ban (moderation_actions_target_idx). */
export async function latestBanReasons(db: Db, userIds: number[]): Promise<Map<number, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('moderation_actions')
    .select(['id', 'target_id', 'reason'])
    .where('target_type', '=', 'user')
    .where('target_id', 'in', userIds.map(String))
    .where('action', '=', 'ban_user')
    .orderBy('id')
    .execute();
  // Ascending ids: a later ban overwrites an earlier one.
  return new Map(rows.map((row) => [Number(row.target_id), row.reason]));
}

/** What the audit log can be narrowed to (the web console's filters). */
export interface ActionFilter {
  action?: ModerationActionKind;
  targetType?: ModerationTargetType;
  targetId?: string;
  moderatorId?: number;
}

/** Newest first on the primary key; a filter narrows the same walk. */
export function listActions(db: Db, page: { beforeId?: number; limit: number }, filter: ActionFilter = {}) {
  let query = db
    .selectFrom('moderation_actions')
    .innerJoin('users', 'users.id', 'moderation_actions.moderator_id')
    .select([
      'moderation_actions.id',
      'moderation_actions.moderator_id',
      'users.nickname as moderator_nickname',
      'moderation_actions.action',
      'moderation_actions.target_type',
      'moderation_actions.target_id',
      'moderation_actions.reason',
      'moderation_actions.created_at',
    ])
    .$narrowType<{ action: ModerationActionKind; target_type: ModerationTargetType }>();
  if (page.beforeId !== undefined) query = query.where('moderation_actions.id', '<', page.beforeId);
  if (filter.action) query = query.where('moderation_actions.action', '=', filter.action);
  if (filter.targetType) query = query.where('moderation_actions.target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('moderation_actions.target_id', '=', filter.targetId);
  if (filter.moderatorId !== undefined) query = query.where('moderation_actions.moderator_id', '=', filter.moderatorId);
  return query
    .orderBy('moderation_actions.id', 'desc')
    .limit(page.limit + 1)
    .execute();
}

export async function recordAction(
  db: Db,
  entry: {
    moderatorId: number;
    action: ModerationActionKind;
    targetType: ModerationTargetType;
    targetId: number | string;
    reason?: string | null;
  },
): Promise<void> {
  await db
    .insertInto('moderation_actions')
    .values({
      moderator_id: entry.moderatorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: String(entry.targetId),
      reason: entry.reason ?? null,
      created_at: isoNow(),
    })
    .execute();
}

export function findReport(db: Db, id: number) {
  return db.selectFrom('reports').select(['id', 'status', 'target_type', 'target_id']).where('id', '=', id).executeTakeFirst();
}

/** One decision settles every open report on the same content, so the queue holds no duplicates. */
export async function resolveOpenReportsOn(db: Db, targetType: ReportTarget, targetId: number): Promise<number> {
  const result = await db
    .updateTable('reports')
    .set({ status: 'resolved' })
    .where('status', '=', 'open')
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

type Counted = { n: string | number };
const count = (query: { executeTakeFirstOrThrow(): Promise<Counted> }) => query.executeTakeFirstOrThrow().then((row) => Number(row.n));

/** The summary's counts: each a range of one of the queue indexes above (status first), no table scan. */
export async function countQueues(db: Db) {
  const posts = (status: ContentStatus) =>
    count(
      db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', '=', status),
    );
  const comments = (status: ContentStatus) =>
    count(
      db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', '=', status),
    );
  const media = (status: MediaStatus) =>
    count(
      db
        .selectFrom('media')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', '=', status),
    );
  const nicknames = (status: 'checking' | 'held') =>
    count(
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('pending_nickname_status', '=', status)
        .where('deleted_at', 'is', null),
    );
  const reports = count(
    db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'open'),
  );
  const [postsHeld, postsChecking, commentsHeld, commentsChecking, mediaHeld, mediaPending, nicknamesHeld, nicknamesChecking, open] =
    await Promise.all([
      posts('held'),
      posts('checking'),
      comments('held'),
      comments('checking'),
      media('held'),
      media('pending'),
      nicknames('held'),
      nicknames('checking'),
      reports,
    ]);
  return {
    queues: {
      posts: postsHeld + postsChecking,
      comments: commentsHeld,
      media: mediaHeld + mediaPending,
      reports: open,
      nicknames: nicknamesHeld,
    },
    awaitingWeChat: { posts: postsChecking, comments: commentsChecking, media: mediaPending, nicknames: nicknamesChecking },
  };
}

/** When the oldest content still waiting for WeChat arrived: the first row of each index range, the earliest of them. */
export async function oldestAwaitingWeChat(db: Db): Promise<string | null> {
  const firsts = await Promise.all([
    db.selectFrom('posts').select('created_at as at').where('status', '=', 'checking').orderBy('created_at').limit(1).executeTakeFirst(),
    db.selectFrom('comments').select('created_at as at').where('status', '=', 'checking').orderBy('created_at').limit(1).executeTakeFirst(),
    db.selectFrom('media').select('created_at as at').where('status', '=', 'pending').orderBy('created_at').limit(1).executeTakeFirst(),
    db
      .selectFrom('users')
      .select('updated_at as at')
      .where('pending_nickname_status', '=', 'checking')
      .orderBy('updated_at')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const times = firsts.flatMap((row) => (row ? [row.at] : [])).sort();
  return times[0] ?? null;
}
