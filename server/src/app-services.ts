/** The services routes call, built once per app from its dependencies. */
import type { AuthService } from './modules/auth/auth.service';
import type { ForumService } from './modules/forum/forum.service';
import type { MediaService } from './modules/media/media.service';
import type { ProfileService } from './modules/me/profile.service';
import type { ModerationService } from './modules/moderation/moderation.service';

export interface AppServices {
  auth: AuthService;
  forum: ForumService;
  profile: ProfileService;
  media: MediaService;
  moderation: ModerationService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}
