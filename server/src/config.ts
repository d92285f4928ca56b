/**
 * The server's configuration: read from the environment and validated in this one place.
 * Development gets safe defaults so `npm start` needs nothing; production refuses to start with
 * development secrets, a development-only WeChat base URL or the example test-account password,
 * because each of those silently weakens a live deployment.
 */
import path from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parseTrustProxy } from './lib/trust-proxy';
import { isNonPublicUrl, isWeakSecret } from './lib/production-values';

export const DEV_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';
export const DEV_WECHAT_APPID = 'wxdevelopment0000';
export const DEV_WECHAT_SECRET = 'development-only-app-secret';
/** The value shown in .env.example; a deployment that keeps it is refused. */
export const EXAMPLE_TEST_ACCOUNT_PASSWORD = 'change-me';
export const REAL_WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';
export const DEV_PUSH_TOKEN = 'developmentpushtoken';
/** 43 characters, as the admin console generates; development and tests only. */
export const DEV_PUSH_AES_KEY = 'ZGV2ZWxvcG1lbnRvbmx5ZW5jb2RpbmdhZXNrZXkwMDA';

const Role = Type.Union([Type.Literal('member'), Type.Literal('moderator')]);

const ConfigSchema = Type.Object({
  env: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')]),
  host: Type.String({ minLength: 1 }),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  database: Type.Union([
    Type.Object({ kind: Type.Literal('sqlite'), path: Type.String({ minLength: 1 }) }),
    Type.Object({ kind: Type.Literal('postgres'), url: Type.String({ pattern: '^postgres(ql)?://' }) }),
  ]),
  wechat: Type.Object({
    apiBaseUrl: Type.String({ pattern: '^https?://' }),
    appId: Type.String({ minLength: 1 }),
    appSecret: Type.String({ minLength: 1 }),
    timeoutMs: Type.Integer({ minimum: 100 }),
  }),
  auth: Type.Object({
    jwtSecret: Type.String({ minLength: 32 }),
    // Development may use seconds to watch expiry happen; production refuses under 30 s (below).
    accessTokenTtlSeconds: Type.Integer({ minimum: 1 }),
    refreshTokenTtlDays: Type.Integer({ minimum: 1 }),
  }),
  testAccount: Type.Object({
    username: Type.String({ minLength: 3 }),
    /** Undefined: development generates one at start; production disables the account. */
    password: Type.Optional(Type.String({ minLength: 1 })),
    role: Role,
  }),
  rateLimits: Type.Object({
    postsPerMinute: Type.Integer({ minimum: 1 }),
    commentsPerMinute: Type.Integer({ minimum: 1 }),
    reportsPerMinute: Type.Integer({ minimum: 1 }),
    uploadsPerMinute: Type.Integer({ minimum: 1 }),
    profileUpdatesPerMinute: Type.Integer({ minimum: 1 }),
    loginsPerMinute: Type.Integer({ minimum: 1 }),
    passwordAttemptsPerMinute: Type.Integer({ minimum: 1 }),
  }),
  contentRecheck: Type.Object({
    pollIntervalMs: Type.Integer({ minimum: 10 }),
    backoffBaseMs: Type.Integer({ minimum: 0 }),
    backoffMaxMs: Type.Integer({ minimum: 0 }),
  }),
  /** The background job runner (jobs/job-runner.ts): how it drains a backlog and when a dead process's claims lapse. */
  jobs: Type.Object({
    leaseMs: Type.Integer({ minimum: 1000 }),
    batchSize: Type.Integer({ minimum: 1, maximum: 1000 }),
    concurrency: Type.Integer({ minimum: 1, maximum: 100 }),
    /** JOB_INSTANCE_ID: stable across restarts and unique per running instance; a restart then frees its old claims at once. */
    instanceId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9.:-]{1,64}$' })),
  }),
  /** Images whose mediaCheckAsync verdict never came (a lost push): re-submitted, then held for moderators. */
  mediaCheckSweep: Type.Object({
    intervalMs: Type.Integer({ minimum: 100 }),
    stuckAfterSeconds: Type.Integer({ minimum: 1 }),
    maxResubmits: Type.Integer({ minimum: 0, maximum: 10 }),
  }),
  /** Message push (消息推送) as configured in the admin console: where wxa_media_check arrives. */
  push: Type.Object({
    token: Type.String({ minLength: 3, maxLength: 32 }),
    encodingAesKey: Type.String({ pattern: '^[A-Za-z0-9+/]{43}$' }),
    /**
     * Which pushes are authentic. safe: only encrypted bodies whose msg_signature checks out (the
     * plaintext signature covers the URL, not the body, so a logged URL could be replayed with a
     * forged body); compatible: both; plaintext: only plaintext. Production defaults to safe.
     */
    mode: Type.Union([Type.Literal('safe'), Type.Literal('compatible'), Type.Literal('plaintext')]),
    maxClockSkewSeconds: Type.Integer({ minimum: 1 }),
  }),
  media: Type.Object({
    dir: Type.String({ minLength: 1 }),
    maxBytes: Type.Integer({ minimum: 1024 }),
    /** How this server is reached from outside (by WeChat fetching images, and by clients). */
    publicBaseUrl: Type.String({ pattern: '^https?://' }),
    fetchUrlTtlSeconds: Type.Integer({ minimum: 60 }),
    /** MEDIA_STORE: `local` (disk under `dir`) or `s3` (any S3-compatible object storage: AWS S3, Tencent COS, Aliyun OSS). */
    store: Type.Union([Type.Literal('local'), Type.Literal('s3')]),
    s3: Type.Optional(
      Type.Object({
        endpoint: Type.Optional(Type.String({ pattern: '^https?://' })),
        region: Type.String({ minLength: 1 }),
        bucket: Type.String({ minLength: 1 }),
        accessKeyId: Type.String({ minLength: 1 }),
        secretAccessKey: Type.String({ minLength: 1 }),
        forcePathStyle: Type.Boolean(),
      }),
    ),
    /** MEDIA_PUBLIC_BASE_URL: approved images are redirected there (a CDN or public bucket prefix) instead of streamed by Node. */
    publicMediaBaseUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  }),
  /** TRUST_PROXY (lib/trust-proxy.ts): no forwarding header trusted, a hop count, or the proxies' addresses/CIDRs. */
  trustProxy: Type.Union([Type.Literal(false), Type.Integer({ minimum: 1 }), Type.Array(Type.String(), { minItems: 1 })]),
  /** REDIS_URL (`redis://`, `rediss://` or a Unix socket path): rate limits shared by every instance. */
  redisUrl: Type.Optional(Type.String({ pattern: '^(rediss?://|/)' })),
  /** REDIS_KEY_PREFIX: namespaces this deployment's keys, so several apps (or test runs) can share one Redis. */
  redisKeyPrefix: Type.String({ minLength: 1 }),
  operations: Type.Object({
    /** Graceful shutdown: in-flight requests get this long to finish before the process exits anyway. */
    shutdownTimeoutMs: Type.Integer({ minimum: 100 }),
    /** Above this event-loop delay new requests get 503 (@fastify/under-pressure) until it recovers; 0 = off (the tests' default). */
    maxEventLoopDelayMs: Type.Integer({ minimum: 0 }),
    pressureSampleIntervalMs: Type.Integer({ minimum: 1 }),
  }),
  openApiDocs: Type.Boolean(),
  /** The moderators' web console at /console (modules/console): CONSOLE_ENABLED; on by default except in production. */
  console: Type.Object({
    enabled: Type.Boolean(),
    /** A session unused this long ends (CONSOLE_IDLE_MINUTES). */
    idleMinutes: Type.Integer({ minimum: 1 }),
    /** A session ends this long after login however busy it is (CONSOLE_SESSION_HOURS). */
    sessionHours: Type.Integer({ minimum: 1 }),
    /** Password attempts per address and account name (CONSOLE_LOGINS_PER_MINUTE). */
    loginsPerMinute: Type.Integer({ minimum: 1 }),
  }),
  /** The known-bad text POST /moderation/content-check-probe sends to msgSecCheck; a built-in sample when unset. */
  contentCheckProbeText: Type.Optional(Type.String({ minLength: 1, maxLength: 2500 })),
});

export type Config = Static<typeof ConfigSchema>;
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid server configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) ? value : Number.NaN;
}

export function loadConfig(env: Env = process.env): Config {
  const mode = env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development';
  const production = mode === 'production';
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  const config: Config = {
    env: mode,
    host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: integer(env, 'PORT', 3000),
    logLevel: (env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info')) as Config['logLevel'],
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'sqlite', path: env.SQLITE_PATH ?? path.resolve(__dirname, '..', 'data', 'community.sqlite') },
    wechat: {
      apiBaseUrl: (env.WECHAT_API_BASE_URL ?? REAL_WECHAT_API_BASE_URL).replace(/\/+$/, ''),
      appId: env.WECHAT_APPID ?? (production ? '' : DEV_WECHAT_APPID),
      appSecret: env.WECHAT_SECRET ?? (production ? '' : DEV_WECHAT_SECRET),
      timeoutMs: integer(env, 'WECHAT_TIMEOUT_MS', 5000),
    },
    auth: {
      jwtSecret: env.JWT_SECRET ?? (production ? '' : DEV_JWT_SECRET),
      accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 15 * 60),
      refreshTokenTtlDays: integer(env, 'REFRESH_TOKEN_TTL_DAYS', 30),
    },
    testAccount: {
      username: env.TEST_ACCOUNT_USERNAME ?? 'reviewer',
      password: env.TEST_ACCOUNT_PASSWORD || undefined,
      // member by default: whoever holds the shared reviewer password must not be able to ban real users.
      role: (env.TEST_ACCOUNT_ROLE ?? 'member') as Config['testAccount']['role'],
    },
    rateLimits: {
      postsPerMinute: integer(env, 'RATE_LIMIT_POSTS_PER_MINUTE', 5),
      commentsPerMinute: integer(env, 'RATE_LIMIT_COMMENTS_PER_MINUTE', 15),
      reportsPerMinute: integer(env, 'RATE_LIMIT_REPORTS_PER_MINUTE', 10),
      uploadsPerMinute: integer(env, 'RATE_LIMIT_UPLOADS_PER_MINUTE', 20),
      profileUpdatesPerMinute: integer(env, 'RATE_LIMIT_PROFILE_UPDATES_PER_MINUTE', 5),
      loginsPerMinute: integer(env, 'RATE_LIMIT_LOGINS_PER_MINUTE', 30),
      passwordAttemptsPerMinute: integer(env, 'RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE', 5),
    },
    contentRecheck: {
      pollIntervalMs: integer(env, 'CONTENT_RECHECK_POLL_MS', 5000),
      backoffBaseMs: integer(env, 'CONTENT_RECHECK_BACKOFF_BASE_MS', 10_000),
      backoffMaxMs: integer(env, 'CONTENT_RECHECK_BACKOFF_MAX_MS', 10 * 60_000),
    },
    jobs: {
      leaseMs: integer(env, 'JOB_LEASE_MS', 15_000),
      batchSize: integer(env, 'JOB_BATCH_SIZE', 32),
      concurrency: integer(env, 'JOB_CONCURRENCY', 8),
      instanceId: env.JOB_INSTANCE_ID || undefined,
    },
    mediaCheckSweep: {
      intervalMs: integer(env, 'MEDIA_CHECK_SWEEP_INTERVAL_MS', 60_000),
      // WeChat usually pushes within seconds, and retries a failed push three times over minutes.
      stuckAfterSeconds: integer(env, 'MEDIA_CHECK_STUCK_AFTER_SECONDS', 10 * 60),
      maxResubmits: integer(env, 'MEDIA_CHECK_MAX_RESUBMITS', 2),
    },
    push: {
      token: env.WECHAT_PUSH_TOKEN ?? (production ? '' : DEV_PUSH_TOKEN),
      encodingAesKey: env.WECHAT_PUSH_AES_KEY ?? (production ? '' : DEV_PUSH_AES_KEY),
      mode: (env.WECHAT_PUSH_MODE ?? (production ? 'safe' : 'compatible')) as Config['push']['mode'],
      maxClockSkewSeconds: integer(env, 'WECHAT_PUSH_MAX_SKEW_SECONDS', 300),
    },
    media: {
      dir: env.MEDIA_DIR ?? path.resolve(__dirname, '..', 'data', 'media'),
      maxBytes: integer(env, 'MEDIA_MAX_BYTES', 5 * 1024 * 1024),
      publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT ?? 3000}`).replace(/\/+$/, ''),
      fetchUrlTtlSeconds: integer(env, 'MEDIA_FETCH_URL_TTL_SECONDS', 2 * 60 * 60),
      store: (env.MEDIA_STORE || 'local') as Config['media']['store'],
      s3: env.MEDIA_STORE === 's3' ? s3Settings(env) : undefined,
      publicMediaBaseUrl: env.MEDIA_PUBLIC_BASE_URL ? env.MEDIA_PUBLIC_BASE_URL.replace(/\/+$/, '') : undefined,
    },
    trustProxy: trustProxy instanceof Error ? false : trustProxy,
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'community:',
    operations: {
      shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
      maxEventLoopDelayMs: integer(env, 'MAX_EVENT_LOOP_DELAY_MS', mode === 'test' ? 0 : 1000),
      pressureSampleIntervalMs: integer(env, 'PRESSURE_SAMPLE_INTERVAL_MS', 1000),
    },
    openApiDocs: mode === 'development',
    console: {
      // Off in production unless asked for: a deployment opts in to a password login page on the internet.
      enabled: env.CONSOLE_ENABLED ? env.CONSOLE_ENABLED === 'true' || env.CONSOLE_ENABLED === '1' : !production,
      idleMinutes: integer(env, 'CONSOLE_IDLE_MINUTES', 30),
      sessionHours: integer(env, 'CONSOLE_SESSION_HOURS', 12),
      loginsPerMinute: integer(env, 'CONSOLE_LOGINS_PER_MINUTE', 5),
    },
    contentCheckProbeText: env.CONTENT_CHECK_PROBE_TEXT || undefined,
  };

  const problems = [...Value.Errors(ConfigSchema, config)].map((e) => `${e.path || '/'}: ${e.message}`);
  if (trustProxy instanceof Error) problems.push(trustProxy.message);
  if (config.media.store === 's3' && !(env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY)) {
    problems.push(
      'MEDIA_STORE=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (and S3_ENDPOINT for COS, OSS or another S3-compatible store)',
    );
  }
  if (production) problems.push(...productionProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function s3Settings(env: Env): NonNullable<Config['media']['s3']> {
  return {
    endpoint: env.S3_ENDPOINT ? env.S3_ENDPOINT.replace(/\/+$/, '') : undefined,
    region: env.S3_REGION || 'us-east-1',
    bucket: env.S3_BUCKET ?? '',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
    // Path style (endpoint/bucket/key) for MinIO-like servers; COS, OSS and AWS use virtual-hosted style.
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' || env.S3_FORCE_PATH_STYLE === '1',
  };
}

function isDevelopmentOnlyUrl(url: string): boolean {
  return isNonPublicUrl(url);
}

function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (config.auth.accessTokenTtlSeconds < 30)
    problems.push('ACCESS_TOKEN_TTL_SECONDS must be at least 30 in production (clients would refresh on almost every request)');
  if (!config.auth.jwtSecret || config.auth.jwtSecret === DEV_JWT_SECRET || isWeakSecret(config.auth.jwtSecret, 100)) {
    problems.push('JWT_SECRET must be set to a random secret of at least 32 characters in production');
  }
  if (!config.wechat.appId || config.wechat.appId === DEV_WECHAT_APPID)
    problems.push('WECHAT_APPID must be your mini program AppID in production');
  if (!config.wechat.appSecret || config.wechat.appSecret === DEV_WECHAT_SECRET)
    problems.push('WECHAT_SECRET must be your AppSecret in production');
  if (isDevelopmentOnlyUrl(config.wechat.apiBaseUrl)) {
    problems.push(
      `WECHAT_API_BASE_URL ${config.wechat.apiBaseUrl} is a development-only address (the fake WeChat?); production must use ${REAL_WECHAT_API_BASE_URL}`,
    );
  }
  if (config.push.token === DEV_PUSH_TOKEN || config.push.encodingAesKey === DEV_PUSH_AES_KEY) {
    problems.push(
      'WECHAT_PUSH_TOKEN and WECHAT_PUSH_AES_KEY must be the Token and EncodingAESKey from the admin console (开发管理 → 消息推送)',
    );
  }
  if (isDevelopmentOnlyUrl(config.media.publicBaseUrl)) {
    problems.push(
      `PUBLIC_BASE_URL ${config.media.publicBaseUrl} must be the https address WeChat can reach (it downloads images from it to check them)`,
    );
  }
  const password = config.testAccount.password;
  if (password !== undefined && (password === EXAMPLE_TEST_ACCOUNT_PASSWORD || password.length < 12 || isWeakSecret(password, 40))) {
    problems.push('TEST_ACCOUNT_PASSWORD must be changed from the example value and be at least 12 characters');
  }
  return problems;
}
