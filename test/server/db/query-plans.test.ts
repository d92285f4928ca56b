/**
 * Every list endpoint's query is served by an index. The plan is read from the database itself
 * (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL with sequential scans discouraged, since
 * on a tiny table PostgreSQL would rightly prefer a scan).
 */
import { sql, type CompiledQuery } from 'kysely';
import * as comments from '../../../server/src/modules/forum/comments.repository';
import * as posts from '../../../server/src/modules/forum/posts.repository';
import { claimDueJobs } from '../../../server/src/jobs/jobs.repository';
import * as moderation from '../../../server/src/modules/moderation/moderation.repository';
import { openTestDatabase, testDialect, type TestDatabase } from '../../support/server/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

/** Records the SQL a repository function runs, so its plan can be asked for. */
async function capture(run: () => Promise<unknown>): Promise<CompiledQuery[]> {
  const captured: CompiledQuery[] = [];
  const executor = database.handle.db.getExecutor();
  const original = executor.executeQuery.bind(executor);
  const spy = jest.spyOn(executor, 'executeQuery').mockImplementation((query, ...rest) => {
    captured.push(query);
    return original(query, ...rest);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return captured;
}

/** `ordered`: on PostgreSQL, also discourage sorts, so the plan shows whether an index-ordered read exists at all. */
async function plan(query: CompiledQuery, ordered = false): Promise<string> {
  const db = database.handle.db;
  if (testDialect() === 'sqlite') {
    const result = await db.executeQuery<{ detail: string }>({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
    return result.rows.map((r) => r.detail).join('\n');
  }
  return db.connection().execute(async (conn) => {
    await sql`SET enable_seqscan = off`.execute(conn);
    if (ordered) await sql`SET enable_sort = off`.execute(conn);
    if (ordered) await sql`SET enable_bitmapscan = off`.execute(conn);
    const result = await conn.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `EXPLAIN ${query.sql}` });
    await sql`RESET ALL`.execute(conn);
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

const listQueries: Record<string, [() => Promise<unknown>, RegExp]> = {
  'public feed': [() => posts.listPublishedPosts(database.handle.db, { limit: 20, beforeId: 100 }), /posts_feed_idx/],
  'board feed': [() => posts.listPublishedPosts(database.handle.db, { boardId: 1, limit: 20 }), /posts_board_feed_idx/],
  'pinned posts': [() => posts.listPublishedPosts(database.handle.db, { pinnedOnly: true, limit: 20 }), /posts_pinned_idx/],
  'my posts': [() => posts.listPostsByAuthor(database.handle.db, { authorId: 1, limit: 20 }), /posts_author_idx/],
  'comment thread': [() => comments.listPublishedComments(database.handle.db, { postId: 1, limit: 20 }), /comments_thread_idx/],
  'my unpublished comments': [
    () => comments.listUnpublishedCommentsOf(database.handle.db, { postId: 1, authorId: 1 }),
    /comments_author_idx/,
  ],
  'moderation: held posts': [
    () => moderation.listPostQueue(database.handle.db, { limit: 20, after: { at: '2026-01-01T00:00:00.000Z', id: 1 } }),
    /posts_queue_idx/,
  ],
  'moderation: held posts, first page': [() => moderation.listPostQueue(database.handle.db, { limit: 20 }), /posts_queue_idx/],
  'moderation: images to decide, next page': [
    () => moderation.listMediaQueue(database.handle.db, { limit: 20, after: { at: '2026-01-01T00:00:00.000Z', id: 'a' } }),
    /media_queue_idx/,
  ],
  'moderation: held comments': [() => moderation.listCommentQueue(database.handle.db, { limit: 20 }), /comments_queue_idx/],
  'moderation: images to decide': [() => moderation.listMediaQueue(database.handle.db, { limit: 20 }), /media_queue_idx/],
  'moderation: open reports': [() => moderation.listReportQueue(database.handle.db, { limit: 20, afterId: 1 }), /reports_queue_idx/],
  'moderation: held nicknames': [() => moderation.listNicknameQueue(database.handle.db, { limit: 20 }), /users_nickname_queue_idx/],
  'due jobs': [
    () =>
      claimDueJobs(database.handle.db, database.handle.dialect, {
        now: new Date().toISOString(),
        leaseUntil: new Date().toISOString(),
        owner: 'x',
        limit: 5,
      }),
    /jobs_due_idx/,
  ],
};

it.each(Object.entries(listQueries))('%s uses its index', async (_name, [run, index]) => {
  const queries = await capture(run);
  const explained = (await Promise.all(queries.filter((q) => /^(select|update)/i.test(q.sql)).map((q) => plan(q)))).join('\n');
  expect(explained).toMatch(index);
  if (testDialect() === 'sqlite') expect(explained).not.toMatch(/SCAN (posts|comments|jobs|media|reports|users)\b(?! USING)/);
});

// A queue's first page must be read in index order, never by sorting the whole queue (0004):
// 45 ms at 100,000 queued before, blocking the event loop.
const queueQueries = Object.entries(listQueries).filter(([name]) => name.startsWith('moderation:'));
it.each(queueQueries)('%s reads in index order, without sorting the queue', async (_name, [run]) => {
  const queries = await capture(run);
  const explained = (await Promise.all(queries.filter((q) => /^select/i.test(q.sql)).map((q) => plan(q, true)))).join('\n');
  if (testDialect() === 'sqlite') expect(explained).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  else expect(explained).not.toMatch(/^\s*(->\s*)?Sort\b/m);
});

it('the public feed reads the stored excerpt, not the body', async () => {
  const queries = await capture(() => posts.listPublishedPosts(database.handle.db, { limit: 20 }));
  expect(queries[0]?.sql).toMatch(/"posts"\."excerpt"/);
  expect(queries[0]?.sql).not.toMatch(/"posts"\."body"/);
});
