import { loadConfig } from '../../../server/src/config';
import { seedDatabase } from '../../../server/src/dev/seed/seed';
import { seedBoards, seedPosts } from '../../../server/src/dev/seed/content';
import { verifyPassword } from '../../../server/src/modules/auth/passwords';
import { openTestDatabase, type TestDatabase } from '../../support/server/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

/** Words WeChat reviewers reject as test content. */
const TEST_TEXT = /测试|test|111222|lorem|ipsum|hello world|asdf|示例|demo/i;

describe('seedDatabase', () => {
  it('fills a fresh database with boards, pinned and ordinary posts with comments, all published', async () => {
    const result = await seedDatabase(database.handle.db, loadConfig({ NODE_ENV: 'test' }));
    expect(result.postsAdded).toBe(seedPosts.length);
    const db = database.handle.db;
    expect(await db.selectFrom('boards').select('slug').execute()).toHaveLength(seedBoards.length);
    const posts = await db.selectFrom('posts').selectAll().execute();
    expect(posts.length).toBeGreaterThanOrEqual(5);
    expect(posts.every((p) => p.status === 'published')).toBe(true);
    expect(posts.some((p) => p.pinned === 1)).toBe(true);
    const comments = await db.selectFrom('comments').selectAll().execute();
    expect(comments.length).toBeGreaterThan(0);
    for (const post of posts) expect(post.comment_count).toBe(comments.filter((c) => c.post_id === post.id).length);
  });

  it('is idempotent and does not bring back content a moderator deleted', async () => {
    const db = database.handle.db;
    const config = loadConfig({ NODE_ENV: 'test' });
    const [first] = await db.selectFrom('posts').select('id').orderBy('id').execute();
    await db.deleteFrom('posts').where('id', '=', first!.id).execute();
    const count = (await db.selectFrom('posts').select('id').execute()).length;
    const again = await seedDatabase(db, config);
    expect(again.postsAdded).toBe(0);
    expect(await db.selectFrom('posts').select('id').execute()).toHaveLength(count);
    expect(await db.selectFrom('users').select('id').where('username', 'is not', null).execute()).toHaveLength(3);
  });

  it('contains no test text anywhere', async () => {
    const db = database.handle.db;
    const texts = [
      ...(await db.selectFrom('posts').select(['title', 'body']).execute()).flatMap((p) => [p.title, p.body]),
      ...(await db.selectFrom('comments').select('body').execute()).map((c) => c.body),
      ...(await db.selectFrom('boards').select(['name', 'description']).execute()).flatMap((b) => [b.name, b.description]),
      ...(await db.selectFrom('users').select('nickname').execute()).map((u) => u.nickname ?? ''),
    ];
    expect(texts.filter((text) => TEST_TEXT.test(text))).toEqual([]);
  });

  it('generates a development reviewer password on each start, and uses a configured one as is', async () => {
    const db = database.handle.db;
    const generated = await seedDatabase(db, loadConfig({ NODE_ENV: 'development' }));
    expect(generated.testAccount.password).toMatch(/^[\w-]{12,}$/);
    const hash = async () =>
      (await db.selectFrom('users').select('password_hash').where('username', '=', 'reviewer').executeTakeFirstOrThrow()).password_hash!;
    expect(await verifyPassword(generated.testAccount.password!, await hash())).toBe(true);
    const configured = await seedDatabase(db, loadConfig({ NODE_ENV: 'development', TEST_ACCOUNT_PASSWORD: 'configured-passphrase' }));
    expect(configured.testAccount.password).toBeUndefined();
    expect(await verifyPassword('configured-passphrase', await hash())).toBe(true);
  });

  it('leaves the production reviewer account unable to log in unless a password is configured', async () => {
    const db = database.handle.db;
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: 'k3Jq9vXw2LmP7rT4yB8nC1hF6sD0gZ5aE9uR2tY7iO4pW',
      WECHAT_APPID: 'wxrealappid',
      WECHAT_SECRET: 'real-secret',
      WECHAT_PUSH_TOKEN: 'consoletoken123',
      WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      PUBLIC_BASE_URL: 'https://community.example.cn',
    };
    const result = await seedDatabase(db, loadConfig(env));
    expect(result.testAccount).toMatchObject({ enabled: false });
    expect(result.testAccount.password).toBeUndefined();
  });
});
