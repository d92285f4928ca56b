/**
 * The forum's rules: what a guest, an author and a moderator may read and write, and how new
 * content passes the text check before anyone else sees it.
 */
import type { Comment, CreateCommentBody, CreatePostBody, CreateReportBody, PostDetail, PostsQuery } from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import type { TextVerdict } from '../../db/schema';
import { AppError, notFound } from '../../lib/app-error';
import { decodeCursor, toPage } from '../../lib/cursor';
import { TextScene } from '../../wechat/types';
import { isModerator, requireAuthor, requireViewer, type Viewer } from '../auth/viewer';
import type { ContentCheck, SubmissionOutcome } from '../content-check/content-check.service';
import { enqueueTextRecheck } from '../content-check/text-recheck.job';
import { commentCountChanged, derivePostStatus } from '../content-state';
import { attachImagesToPost, imagesOfPosts, usablePostImages } from '../media/media-access';
import * as boards from './boards.repository';
import * as comments from './comments.repository';
import { presentBoard, presentComment, presentPostDetail, presentPostSummary } from './forum.presenter';
import * as posts from './posts.repository';
import type { PostSummaryRow } from './posts.repository';
import { createPublicPageCache } from './public-pages';
import { insertReportOnce } from './reports.repository';

const TEXT_VERDICT_OF: Record<SubmissionOutcome, TextVerdict> = { published: 'pass', held: 'review', checking: 'pending' };
const RISKY_POST_MESSAGE = '内容可能包含不当信息，请修改后再发布';
const RISKY_COMMENT_MESSAGE = '评论可能包含不当信息，请修改后再发布';

export type ForumService = ReturnType<typeof createForumService>;

export function createForumService(deps: { db: Db; contentCheck: ContentCheck }) {
  const { db, contentCheck } = deps;
  const firstPages = createPublicPageCache(db);

  /** Published content is public; anything else only for its author and moderators. */
  function canSee(row: { status: string; author_id: number }, viewer: Viewer | null): boolean {
    return row.status === 'published' || viewer?.user.id === row.author_id || isModerator(viewer);
  }

  /** One extra indexed query brings the images of the whole page. */
  async function summaries(rows: PostSummaryRow[], limit: number) {
    const images = await imagesOfPosts(
      db,
      rows.slice(0, limit).map((row) => row.id),
    );
    return toPage(rows, limit, (row) => presentPostSummary(row, images));
  }

  async function visiblePost(id: number, viewer: Viewer | null) {
    const post = await posts.findPost(db, id);
    if (!post || !canSee(post, viewer)) throw notFound(`post ${id}`);
    return post;
  }

  return {
    async listBoards() {
      return { items: (await boards.listBoards(db)).map(presentBoard) };
    },

    /**
     * The feed with an ETag when it is a first page: those are the same for every viewer, read far
     * more often than content changes, and come from the public-page cache; later pages are read
     * from the database each time.
     */
    async listPostsWithTag(query: PostsQuery): Promise<{ page: Awaited<ReturnType<typeof summaries>>; etag?: string }> {
      if (query.cursor !== undefined) return { page: await this.listPosts(query) };
      return firstPages.get(`posts:${query.boardId ?? ''}:${query.pinned ? 1 : 0}:${query.limit ?? 20}`, () => this.listPosts(query));
    },

    async listPosts(query: PostsQuery) {
      const limit = query.limit ?? 20;
      const rows = await posts.listPublishedPosts(db, {
        boardId: query.boardId,
        pinnedOnly: query.pinned,
        beforeId: decodeCursor(query.cursor),
        limit,
      });
      return summaries(rows, limit);
    },

    async listMyPosts(viewer: Viewer | null, page: { cursor?: string; limit?: number }) {
      const me = requireViewer(viewer);
      const limit = page.limit ?? 20;
      const rows = await posts.listPostsByAuthor(db, { authorId: me.user.id, beforeId: decodeCursor(page.cursor), limit });
      return summaries(rows, limit);
    },

    async getPost(id: number, viewer: Viewer | null): Promise<PostDetail> {
      const post = await visiblePost(id, viewer);
      return presentPostDetail(post, await imagesOfPosts(db, [id]), viewer);
    },

    async createPost(viewer: Viewer | null, input: CreatePostBody): Promise<PostDetail> {
      const author = requireAuthor(viewer);
      const board = await boards.findBoard(db, input.boardId);
      if (!board) throw new AppError(400, 'unknown_board', '版块不存在，请刷新后重试', `board ${input.boardId} does not exist`);
      if (board.staff_only && !isModerator(author))
        throw new AppError(403, 'board_staff_only', '该版块仅限社区工作人员发帖', `board ${input.boardId} is staff-only`);
      const mediaIds = input.mediaIds ?? [];
      const imageStatuses = await usablePostImages(db, author.user.id, mediaIds);
      const outcome = await contentCheck.checkSubmission(
        { content: input.body, title: input.title, scene: TextScene.forum, openid: author.wechatOpenid },
        RISKY_POST_MESSAGE,
      );
      const textVerdict = TEXT_VERDICT_OF[outcome];
      const { status } = derivePostStatus(textVerdict, imageStatuses);
      const id = await db.transaction().execute(async (trx) => {
        const postId = await posts.insertPost(trx, {
          boardId: input.boardId,
          authorId: author.user.id,
          title: input.title,
          body: input.body,
          status,
          textVerdict,
        });
        await attachImagesToPost(trx, postId, mediaIds);
        if (outcome === 'checking') await enqueueTextRecheck(trx, { target: 'post', id: postId, openid: author.wechatOpenid });
        return postId;
      });
      return this.getPost(id, author);
    },

    async deletePost(viewer: Viewer | null, id: number): Promise<void> {
      const me = requireViewer(viewer);
      const deleted = await posts.deletePostOf(db, id, isModerator(me) ? 'any' : me.user.id);
      if (!deleted) {
        const exists = await posts.findPost(db, id);
        if (exists && canSee(exists, me))
          throw new AppError(403, 'forbidden', '只能删除自己发布的内容', `post ${id} belongs to another user`);
        throw notFound(`post ${id}`);
      }
    },

    async listComments(postId: number, viewer: Viewer | null, page: { cursor?: string; limit?: number }) {
      const post = await posts.findPostVisibility(db, postId);
      if (!post || !canSee(post, viewer)) throw notFound(`post ${postId}`);
      const limit = page.limit ?? 20;
      const afterId = decodeCursor(page.cursor);
      const rows = await comments.listPublishedComments(db, { postId, afterId, limit });
      const result = toPage(rows, limit, (row) => presentComment(row, viewer));
      // The author's own unpublished comments ride along on the first page so they can see "审核中".
      if (viewer && afterId === undefined) {
        const own = await comments.listUnpublishedCommentsOf(db, { postId, authorId: viewer.user.id });
        result.items.push(...own.map((row) => presentComment(row, viewer)));
      }
      return result;
    },

    async createComment(viewer: Viewer | null, postId: number, input: CreateCommentBody): Promise<Comment> {
      const author = requireAuthor(viewer);
      const post = await posts.findPost(db, postId);
      if (post?.status !== 'published') throw notFound(`post ${postId}`);
      const status = await contentCheck.checkSubmission(
        { content: input.body, scene: TextScene.comment, openid: author.wechatOpenid },
        RISKY_COMMENT_MESSAGE,
      );
      const id = await db.transaction().execute(async (trx) => {
        const commentId = await comments.insertComment(trx, { postId, authorId: author.user.id, body: input.body, status });
        await commentCountChanged(trx, postId, status, 'added');
        if (status === 'checking') await enqueueTextRecheck(trx, { target: 'comment', id: commentId, openid: author.wechatOpenid });
        return commentId;
      });
      const row = await comments.findComment(db, id);
      if (!row) throw notFound(`comment ${id}`);
      return presentComment(row, author);
    },

    async deleteComment(viewer: Viewer | null, id: number): Promise<void> {
      const me = requireViewer(viewer);
      const comment = await comments.findComment(db, id);
      if (!comment || !canSee(comment, me)) throw notFound(`comment ${id}`);
      if (comment.author_id !== me.user.id && !isModerator(me)) {
        throw new AppError(403, 'forbidden', '只能删除自己发布的内容', `comment ${id} belongs to another user`);
      }
      await db.transaction().execute(async (trx) => {
        await comments.deleteComment(trx, id);
        await commentCountChanged(trx, comment.post_id, comment.status, 'removed');
      });
    },

    async report(viewer: Viewer | null, input: CreateReportBody) {
      const me = requireViewer(viewer);
      const target =
        input.targetType === 'post' ? await posts.findPost(db, input.targetId) : await comments.findComment(db, input.targetId);
      if (!target || !canSee(target, me)) throw notFound(`${input.targetType} ${input.targetId}`);
      const id = await insertReportOnce(db, {
        reporterId: me.user.id,
        targetType: input.targetType,
        targetId: input.targetId,
        reason: input.reason,
        detail: input.detail?.trim() || null,
      });
      return { id, message: '举报已收到，我们会尽快处理' };
    },
  };
}
