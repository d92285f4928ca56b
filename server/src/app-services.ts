/**
 * The services routes call, and the background job handlers, built once per app from its
 * dependencies. Every route plugin reads its services from `app.services`; plugin options carry
 * only HTTP settings (rate limits, size limits). Nothing else builds a service.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Db } from './db/database';
import type { JobHandler } from './jobs/job-runner';
import { createAccessTokens } from './modules/auth/access-tokens';
import { createAuthService, type AuthService } from './modules/auth/auth.service';
import { createConsoleAccountsService, type ConsoleAccountsService } from './modules/console/console-accounts.service';
import { createContentCheck } from './modules/content-check/content-check.service';
import { createTextRecheckHandler, TEXT_RECHECK_JOB } from './modules/content-check/text-recheck.job';
import { createForumService, type ForumService } from './modules/forum/forum.service';
import { createProfileService, type ProfileService } from './modules/me/profile.service';
import { createMediaCheckSubmitHandler, createMediaVerdictHandler } from './modules/media/media-check.jobs';
import { createMediaFilesDeleteHandler, MEDIA_FILES_DELETE_JOB } from './modules/media/media-files-delete.job';
import { createMediaCheckSweepHandler, MEDIA_CHECK_SWEEP_JOB } from './modules/media/media-check-sweep.job';
import type { MediaStore } from './modules/media/media-store';
import { createMediaService, MEDIA_CHECK_SUBMIT_JOB, MEDIA_VERDICT_JOB, type MediaService } from './modules/media/media.service';
import { createContentCheckProbe, type ContentCheckProbe } from './modules/moderation/content-check-probe.service';
import { createModerationService, type ModerationService } from './modules/moderation/moderation.service';
import { createPushService, type PushService } from './modules/wechat-push/push.service';
import type { WeChatClient } from './wechat/types';

export interface AppServices {
  auth: AuthService;
  forum: ForumService;
  profile: ProfileService;
  media: MediaService;
  moderation: ModerationService;
  contentCheckProbe: ContentCheckProbe;
  push: PushService;
  consoleAccounts: ConsoleAccountsService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

export interface AppServiceDeps {
  config: Config;
  db: Db;
  wechat: WeChatClient;
  logger: FastifyBaseLogger;
  mediaStore: MediaStore;
  /** Wakes the job runner when a request queued work. */
  kickJobs: () => void;
}

export interface AppJobs {
  jobHandlers: Record<string, JobHandler>;
  /** Job kinds that always exist once and reschedule themselves. */
  recurringJobs: string[];
}

export function createAppServices(deps: AppServiceDeps): { services: AppServices } & AppJobs {
  const { config, db, wechat, logger, mediaStore } = deps;
  const accessTokens = createAccessTokens(config.auth.jwtSecret, config.auth.accessTokenTtlSeconds);
  const contentCheck = createContentCheck({ wechat, logger });
  const testAccountUsername = config.testAccount.username;
  const media = createMediaService({ db, store: mediaStore, fetchUrlTtlSeconds: config.media.fetchUrlTtlSeconds, onQueued: deps.kickJobs });

  const services: AppServices = {
    auth: createAuthService({ db, wechat, accessTokens, refreshTokenTtlDays: config.auth.refreshTokenTtlDays, testAccountUsername }),
    forum: createForumService({ db, contentCheck }),
    profile: createProfileService({ db, contentCheck, testAccountUsername, mediaStore }),
    media,
    moderation: createModerationService({ db }),
    contentCheckProbe: createContentCheckProbe({
      wechat,
      logger,
      sampleText: config.contentCheckProbeText,
    }),
    push: createPushService({ push: config.push, appId: config.wechat.appId, media }),
    consoleAccounts: createConsoleAccountsService({
      db,
      testAccountUsername,
      idleMinutes: config.console.idleMinutes,
      sessionHours: config.console.sessionHours,
    }),
  };

  const jobHandlers = {
    [TEXT_RECHECK_JOB]: createTextRecheckHandler({ db, contentCheck }),
    [MEDIA_CHECK_SUBMIT_JOB]: createMediaCheckSubmitHandler({
      db,
      wechat,
      logger,
      publicBaseUrl: config.media.publicBaseUrl,
      fetchUrlTtlSeconds: config.media.fetchUrlTtlSeconds,
    }),
    [MEDIA_VERDICT_JOB]: createMediaVerdictHandler({ db, logger }),
    [MEDIA_FILES_DELETE_JOB]: createMediaFilesDeleteHandler({ store: mediaStore }),
    [MEDIA_CHECK_SWEEP_JOB]: createMediaCheckSweepHandler({ db, logger, onQueued: deps.kickJobs, ...config.mediaCheckSweep }),
  };
  return { services, jobHandlers, recurringJobs: [MEDIA_CHECK_SWEEP_JOB] };
}
