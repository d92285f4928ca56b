/**
 * POST /moderation/content-check-probe: is the real content check wired in this deployment?
 * Registered under /moderation beside the moderation plugin, with the same moderators-only hook,
 * because it spends msgSecCheck quota and reveals how the deployment is configured.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiError, ContentCheckProbeBody, ContentCheckProbeResult } from '@wx-community-starter/contract';
import { perMinute } from '../../plugins/rate-limits';
import type { TextScene } from '../../wechat/types';
import { requireModerator } from './moderation.service';

const PROBES_PER_MINUTE = 10;

const contentCheckProbeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { contentCheckProbe: probe } = app.services;

  // Before validation, so a non-moderator learns nothing about the route.
  app.addHook('onRequest', async (request) => {
    requireModerator(request.viewer);
  });
  // The scene is optional, so the probe may be posted with no body at all.
  app.addHook('preValidation', async (request) => {
    request.body ??= {};
  });

  app.post(
    '/content-check-probe',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Run a known-bad sample through the real msgSecCheck with your openid: is the content check wired?',
        body: ContentCheckProbeBody,
        response: { 200: ContentCheckProbeResult, 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError },
      },
      config: perMinute(PROBES_PER_MINUTE),
    },
    async (request) => probe.probe(request.viewer, (request.body.scene ?? 3) as TextScene),
  );
};

export default contentCheckProbeRoutes;
