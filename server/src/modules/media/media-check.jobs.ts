/**
 * The two background steps of an image check: submitting it to mediaCheckAsync (retried while
 * WeChat is unavailable), and applying the verdict that WeChat pushes back (by trace_id).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { RetryLater, type JobHandler } from '../../jobs/job-runner';
import { isoAfter } from '../../lib/time';
import { TextScene, WeChatApiError, WeChatUnavailableError, type WeChatClient } from '../../wechat/types';
import { applyMediaDecision } from '../content-state';
import * as media from './media.repository';
import { newFetchToken, type MediaVerdictPayload } from './media.service';

/** WeChat must still be able to download the image for a while after we ask it to check. */
const MIN_FETCH_WINDOW_MS = 30 * 60_000;

export function createMediaCheckSubmitHandler(deps: {
  db: Db;
  wechat: WeChatClient;
  publicBaseUrl: string;
  fetchUrlTtlSeconds: number;
  logger: FastifyBaseLogger;
}): JobHandler {
  return async (payload) => {
    const mediaId = (payload as { mediaId?: unknown }).mediaId;
    if (typeof mediaId !== 'string') throw new Error('malformed media-check-submit payload');
    const row = await media.findMedia(deps.db, mediaId);
    if (!row || row.status !== 'pending' || row.trace_id !== null) return;

    let token = row.fetch_token;
    if (row.fetch_expires_at <= isoAfter(MIN_FETCH_WINDOW_MS)) {
      token = newFetchToken();
      await media.renewFetchToken(deps.db, row.id, token, isoAfter(deps.fetchUrlTtlSeconds * 1000));
    }
    const scene = row.purpose === 'avatar' ? TextScene.profile : TextScene.forum;
    try {
      const { traceId } = await deps.wechat.checkMediaAsync({
        mediaUrl: `${deps.publicBaseUrl}/media/check/${token}`,
        scene,
        openid: row.check_openid ?? '',
      });
      await media.setTraceId(deps.db, row.id, traceId);
      deps.logger.info({ mediaId: row.id, traceId }, 'image submitted to mediaCheckAsync');
    } catch (error) {
      if (error instanceof WeChatUnavailableError) throw new RetryLater(error.message);
      if (error instanceof WeChatApiError) {
        deps.logger.error(
          { mediaId: row.id, errcode: error.errcode, errmsg: error.errmsg },
          'mediaCheckAsync refused; holding the image for moderators',
        );
        await applyMediaDecision(deps.db, row.id, 'held', 'wechat');
        return;
      }
      throw error;
    }
  };
}

export function createMediaVerdictHandler(deps: { db: Db; logger: FastifyBaseLogger }): JobHandler {
  return async (payload) => {
    const { traceId, errcode, suggest } = payload as Partial<MediaVerdictPayload>;
    if (typeof traceId !== 'string' || typeof errcode !== 'number') throw new Error('malformed media-verdict payload');
    const row = await media.findMediaByTraceId(deps.db, traceId);
    if (!row) {
      deps.logger.warn({ traceId }, 'wxa_media_check for an unknown trace_id ignored');
      return;
    }
    // WeChat could not judge the image (e.g. download failed): a person decides, nothing is shown meanwhile.
    const decision = errcode !== 0 || !suggest ? 'held' : suggest === 'pass' ? 'approved' : suggest === 'review' ? 'held' : 'rejected';
    const applied = await applyMediaDecision(deps.db, row.id, decision, 'wechat');
    deps.logger.info({ mediaId: row.id, traceId, decision, applied }, 'image verdict received');
  };
}
