/**
 * The content-state module on its own, against a real database: decisions apply once, derived
 * data (comment counts, the avatar) follows, and a late verdict never publishes newer text.
 */
import {
  applyMediaDecision,
  applyNicknameRecheck,
  changeCommentStatus,
  commentCountChanged,
  findProfileState,
  startAvatarCheck,
  submitNickname,
} from '../../../../server/src/modules/content-state';
import { insertStaffUser } from '../../../../server/src/modules/auth/users.repository';
import { insertBoard } from '../../../../server/src/modules/forum/boards.repository';
import { insertComment } from '../../../../server/src/modules/forum/comments.repository';
import { insertPost } from '../../../../server/src/modules/forum/posts.repository';
import { insertMedia } from '../../../../server/src/modules/media/media.repository';
import { openTestDatabase, type TestDatabase } from '../../../support/server/test-database';

let database: TestDatabase;
let userId: number;
let postId: number;
const db = () => database.handle.db;

beforeAll(async () => {
  database = await openTestDatabase();
  userId = (await insertStaffUser(db(), { username: 'writer', nickname: '旧昵称', role: 'member', passwordHash: null })).id;
  const boardId = await insertBoard(db(), { slug: 'b', name: '版块', description: '', sortOrder: 0 });
  postId = await insertPost(db(), { boardId, authorId: userId, title: '标题', body: '正文', status: 'published' });
});
afterAll(() => database.drop());

const commentCount = async () =>
  (await db().selectFrom('posts').select('comment_count').where('id', '=', postId).executeTakeFirstOrThrow()).comment_count;

it('a comment counts in its thread only while published, and each change applies once', async () => {
  const id = await insertComment(db(), { postId, authorId: userId, body: '评论', status: 'held' });
  await commentCountChanged(db(), postId, 'held', 'added');
  expect(await commentCount()).toBe(0);
  expect(await changeCommentStatus(db(), id, ['held'], 'published')).toBe(true);
  expect(await changeCommentStatus(db(), id, ['held'], 'published')).toBe(false);
  expect(await commentCount()).toBe(1);
  expect(await changeCommentStatus(db(), id, ['published'], 'rejected', '不符合公约')).toBe(true);
  expect(await commentCount()).toBe(0);
});

it('a late recheck of an older nickname changes nothing once the user submitted another', async () => {
  await submitNickname(db(), userId, '第一个', 'checking');
  await submitNickname(db(), userId, '第二个', 'checking');
  await applyNicknameRecheck(db(), userId, '第一个', 'published');
  expect(await findProfileState(db(), userId)).toMatchObject({
    nickname: '旧昵称',
    pending_nickname: '第二个',
    pending_nickname_status: 'checking',
  });
  await applyNicknameRecheck(db(), userId, '第二个', 'published');
  expect(await findProfileState(db(), userId)).toMatchObject({ nickname: '第二个', pending_nickname: null, pending_nickname_status: null });
});

it('an avatar replaces the old one only when it passes, and a repeated verdict applies once', async () => {
  const avatar = (id: string) => ({
    id,
    owner_id: userId,
    purpose: 'avatar' as const,
    status: 'pending' as const,
    mime_type: 'image/png',
    byte_size: 1,
    width: 1,
    height: 1,
    storage_key: `${id}.png`,
    fetch_token: `token-${id}`,
    fetch_expires_at: '2999-01-01T00:00:00.000Z',
    check_openid: null,
  });
  await insertMedia(db(), avatar('a1'));
  await startAvatarCheck(db(), userId, 'a1');
  expect(await findProfileState(db(), userId)).toMatchObject({ avatar_media_id: null, pending_avatar_media_id: 'a1' });
  expect(await applyMediaDecision(db(), 'a1', 'approved', 'wechat')).toBe(true);
  expect(await applyMediaDecision(db(), 'a1', 'rejected', 'wechat')).toBe(false);
  expect(await findProfileState(db(), userId)).toMatchObject({ avatar_media_id: 'a1', pending_avatar_media_id: null });
  // A moderator may still reverse it: the avatar then disappears.
  expect(await applyMediaDecision(db(), 'a1', 'rejected', 'moderator')).toBe(true);
  expect(await findProfileState(db(), userId)).toMatchObject({ avatar_media_id: null });
});
