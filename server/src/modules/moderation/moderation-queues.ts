/** What moderators read: the queues of content waiting for a human, the ban list and the audit log. */
import type { ModerationReport, ModerationSummary } from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import { decodeCursor, toPage } from '../../lib/cursor';
import { imagesOfPosts } from '../media/media-access';
import {
  excerpt,
  presentBan,
  presentLogEntry,
  presentQueuedComment,
  presentQueuedMedia,
  presentQueuedNickname,
  presentQueuedPost,
  presentQueuedReport,
} from './moderation.presenter';
import * as repo from './moderation.repository';
import { decodeQueueCursor, integerId, textId, toQueuePage } from './queue-cursor';

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

export function createModerationQueues(db: Db) {
  return {
    async posts(page: PageRequest) {
      const limit = page.limit ?? 20;
      const rows = await repo.listPostQueue(db, { after: decodeQueueCursor(page.cursor, integerId), limit });
      const shown = await imagesOfPosts(
        db,
        rows.slice(0, limit).map((r) => r.id),
      );
      const imagesOf = (postId: number) => shown.filter((i) => i.post_id === postId).map((i) => ({ id: i.id, status: i.status }));
      return toQueuePage(
        rows,
        limit,
        (r) => [r.created_at, r.id],
        (r) => presentQueuedPost(r, imagesOf(r.id)),
      );
    },

    async comments(page: PageRequest) {
      const limit = page.limit ?? 20;
      const rows = await repo.listCommentQueue(db, { after: decodeQueueCursor(page.cursor, integerId), limit });
      return toQueuePage(rows, limit, (r) => [r.created_at, r.id], presentQueuedComment);
    },

    async media(page: PageRequest) {
      const limit = page.limit ?? 20;
      const rows = await repo.listMediaQueue(db, { after: decodeQueueCursor(page.cursor, textId), limit });
      return toQueuePage(rows, limit, (r) => [r.created_at, r.id], presentQueuedMedia);
    },

    async reports(page: PageRequest) {
      const limit = page.limit ?? 20;
      const rows = await repo.listReportQueue(db, { afterId: decodeCursor(page.cursor), limit });
      const shown = rows.slice(0, limit);
      const idsOf = (type: 'post' | 'comment') => shown.filter((r) => r.target_type === type).map((r) => r.target_id);
      const targets = new Map<string, ModerationReport['target']>();
      for (const p of await repo.findReportedPosts(db, idsOf('post'))) {
        targets.set(`post:${p.id}`, {
          excerpt: excerpt(`${p.title}\n${p.body}`),
          status: p.status,
          author: { id: p.author_id, nickname: p.author_nickname },
        });
      }
      for (const c of await repo.findReportedComments(db, idsOf('comment'))) {
        targets.set(`comment:${c.id}`, {
          excerpt: excerpt(c.body),
          status: c.status,
          author: { id: c.author_id, nickname: c.author_nickname },
        });
      }
      return toPage(rows, limit, (r) => presentQueuedReport(r, targets.get(`${r.target_type}:${r.target_id}`) ?? null));
    },

    async nicknames(page: PageRequest) {
      const limit = page.limit ?? 20;
      const rows = await repo.listNicknameQueue(db, { after: decodeQueueCursor(page.cursor, integerId), limit });
      return toQueuePage(rows, limit, (r) => [r.updated_at, r.id], presentQueuedNickname);
    },

    /** Counts per queue, and how long the oldest content has waited for WeChat. */
    async summary(now = new Date()): Promise<ModerationSummary> {
      const [counts, oldest] = await Promise.all([repo.countQueues(db), repo.oldestAwaitingWeChat(db)]);
      const age = oldest === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(oldest)) / 1000));
      return { ...counts, oldestPendingAgeSeconds: age, oldestPendingAt: oldest };
    },

    async bans(page: PageRequest) {
      const limit = page.limit ?? 20;
      const rows = await repo.listBans(db, { before: decodeQueueCursor(page.cursor, integerId), limit });
      const reasons = await repo.latestBanReasons(
        db,
        rows.slice(0, limit).map((r) => r.id),
      );
      return toQueuePage(
        rows,
        limit,
        (r) => [r.banned_at, r.id],
        (r) => presentBan(r, reasons.get(r.id) ?? null),
      );
    },

    async actions(page: PageRequest, filter: repo.ActionFilter = {}) {
      const limit = page.limit ?? 20;
      const rows = await repo.listActions(db, { beforeId: decodeCursor(page.cursor), limit }, filter);
      return toPage(rows, limit, presentLogEntry);
    },
  };
}
