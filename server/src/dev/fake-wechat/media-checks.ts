/**
 * mediaCheckAsync jobs from acceptance to the `wxa_media_check` push: after the push delay the
 * fake downloads the media, judges it (media-judgement.ts) and pushes the verdict to the
 * configured URL, unless pushes are held. Tests can also push any verdict on demand (pushFor),
 * including duplicates, forged signatures, stale timestamps and unknown trace ids.
 *
 * Timers are unref'd and in-flight downloads and pushes are aborted on reset() and close(), so
 * a job in progress never keeps a process alive nor lands in the next test.
 */
import type { Suggest } from '../../wechat/types';
import { mediaCheckEvent } from './media-check-event';
import { judgeMedia, type MediaJudgement } from './media-judgement';
import { DEFAULT_PUSH_CONFIG, mergePushConfig, type FakePushConfig, type FakePushOptions, type PushMode } from './push-config';
import { deliverPush, isAcknowledged } from './push-delivery';
import { PushLog, type FakePush } from './push-log';
import { randomId } from './wechat-reply';
import { imageVerdictFor } from './verdict-rule';

export interface PushForOptions {
  /** Push this verdict instead of judging the media (required in effect for an unknown trace id; default pass). */
  suggest?: Suggest;
  /** Sign with a wrong token: the receiver must refuse it. */
  forgeSignature?: boolean;
  /** Unix seconds for the `timestamp` query parameter, e.g. an hour ago to test staleness. */
  timestamp?: number;
  /** Override the configured mode for this push. */
  mode?: PushMode;
}

/** A check the fake accepted, as the caller sent it, with the trace id it answered. */
export interface FakeMediaCheck {
  traceId: string;
  mediaUrl: string;
  mediaType: number;
  scene: number;
  openid: string;
}

/** FromUserName of a push for a trace id the fake never issued. */
export const UNKNOWN_TRACE_OPENID = 'o_fake_unknown_trace_user';

interface MediaJob extends FakeMediaCheck {
  /** Accepted while pushes were held: never pushed automatically, even after the hold ends. */
  heldAtAcceptance: boolean;
  timer?: NodeJS.Timeout;
  judgement?: Promise<MediaJudgement>;
}

export interface MediaChecksOptions {
  appId: string;
  originalId: string;
  now: () => number;
  push?: FakePushOptions;
  log: { warn(obj: object, msg: string): void };
}

export class MediaChecks {
  readonly pushes = new PushLog();
  /** Accepted checks, oldest first: how a test finds the trace id of the image it just uploaded. */
  readonly accepted: FakeMediaCheck[] = [];
  private config: FakePushConfig;
  private readonly jobs = new Map<string, MediaJob>();
  private held = false;
  /** Replaced on reset(): work started before it must not touch what comes after. */
  private aborter = new AbortController();

  constructor(private readonly options: MediaChecksOptions) {
    this.config = mergePushConfig(DEFAULT_PUSH_CONFIG, options.push ?? {});
  }

  get pushConfig(): Readonly<FakePushConfig> {
    return this.config;
  }

  configure(change: FakePushOptions): void {
    this.config = mergePushConfig(this.config, change);
  }

  /**
   * While held, verdicts are judged but wait for pushFor instead of being pushed. Releasing does
   * not flush them: a check accepted or judged while held is never pushed automatically, so a
   * test decides exactly when each push happens.
   */
  hold(held: boolean): void {
    this.held = held;
  }

  /** Registers a job and returns its trace id; the download and the push happen after the delay. */
  accept(input: Omit<FakeMediaCheck, 'traceId'>): string {
    const job: MediaJob = { traceId: randomId(), ...input, heldAtAcceptance: this.held };
    this.jobs.set(job.traceId, job);
    this.accepted.push({ traceId: job.traceId, ...input });
    job.timer = setTimeout(() => {
      job.timer = undefined;
      void this.pushAutomatically(job);
    }, this.config.delayMs);
    job.timer.unref();
    return job.traceId;
  }

  async pushFor(traceId: string, options: PushForOptions = {}): Promise<{ status: number; body: string }> {
    if (this.config.url === undefined) {
      throw new Error('pushFor needs a push URL: startFakeWeChat({ push: { url } }) or fake.configurePush({ url })');
    }
    const signal = this.aborter.signal;
    const job = this.jobs.get(traceId);
    const judgement: MediaJudgement =
      options.suggest !== undefined || job === undefined
        ? { ok: true, verdict: imageVerdictFor(options.suggest ?? 'pass') }
        : await this.judge(job);
    const push = await this.send({
      traceId,
      openid: job?.openid ?? UNKNOWN_TRACE_OPENID,
      judgement,
      trigger: 'pushFor',
      forged: options.forgeSignature === true,
      mode: options.mode ?? this.config.mode,
      timestamp: options.timestamp,
      signal,
    });
    if (push === undefined) throw new Error('fake WeChat was reset or closed during pushFor');
    return { status: push.status, body: push.body };
  }

  reset(): void {
    this.stopAll();
    this.aborter = new AbortController();
    this.pushes.clear();
    this.accepted.length = 0;
    this.held = false;
  }

  close(): void {
    this.stopAll();
    this.pushes.close();
  }

  private stopAll(): void {
    this.aborter.abort();
    for (const job of this.jobs.values()) clearTimeout(job.timer);
    this.jobs.clear();
  }

  /** Judged once per job, whoever asks first (the timer or pushFor). */
  private judge(job: MediaJob): Promise<MediaJudgement> {
    job.judgement ??= judgeMedia(job.mediaUrl, job.mediaType, this.aborter.signal);
    return job.judgement;
  }

  private async pushAutomatically(job: MediaJob): Promise<void> {
    const signal = this.aborter.signal;
    const judgement = await this.judge(job);
    if (signal.aborted || this.held || job.heldAtAcceptance) return;
    if (this.config.url === undefined) {
      this.options.log.warn({ traceId: job.traceId }, 'fake WeChat has no push URL; the verdict waits for pushFor');
      return;
    }
    const push = await this.send({
      traceId: job.traceId,
      openid: job.openid,
      judgement,
      trigger: 'automatic',
      forged: false,
      mode: this.config.mode,
      signal,
    });
    if (push && !push.acknowledged) {
      this.options.log.warn(
        { traceId: job.traceId, status: push.status, body: push.body.slice(0, 200), error: push.error },
        'push not acknowledged (WeChat would retry)',
      );
    }
  }

  /** Undefined when reset or closed meanwhile: such a push is neither recorded nor reported. */
  private async send(input: {
    traceId: string;
    openid: string;
    judgement: MediaJudgement;
    trigger: FakePush['trigger'];
    forged: boolean;
    mode: PushMode;
    timestamp?: number;
    signal: AbortSignal;
  }): Promise<FakePush | undefined> {
    const { url, token, encodingAesKey } = this.config;
    if (url === undefined || input.signal.aborted) return undefined;
    const createTime = Math.floor(this.options.now() / 1000);
    const event = mediaCheckEvent({
      originalId: this.options.originalId,
      appId: this.options.appId,
      openid: input.openid,
      traceId: input.traceId,
      createTime,
      judgement: input.judgement,
    });
    const answer = await deliverPush({
      url,
      token,
      encodingAesKey,
      appId: this.options.appId,
      mode: input.mode,
      event,
      timestamp: input.timestamp ?? createTime,
      forgeSignature: input.forged,
      signal: input.signal,
    });
    if (input.signal.aborted) return undefined;
    const push: FakePush = {
      traceId: input.traceId,
      mode: input.mode,
      trigger: input.trigger,
      forged: input.forged,
      query: answer.query,
      event,
      status: answer.status,
      body: answer.body,
      acknowledged: isAcknowledged(answer),
      ...(answer.error === undefined ? {} : { error: answer.error }),
    };
    this.pushes.record(push);
    return push;
  }
}
