/**
 * Exercises each write route that accepts user text or media, one field at a time, as a
 * logged-in member (then, for routes members are refused, as a moderator), and tells from the fake
 * WeChat's call log whether that field went through the content check:
 *   - text: a unique probe carrying the target's risky text; checked when a msgSecCheck call
 *     carried the probe, or the route refused it with 422;
 *   - upload: a small image; checked when a mediaCheckAsync call followed, or 422.
 * A route that stores the probe (2xx) without either is unchecked. Any other answer means the
 * kit could not exercise it (missing path parameter, 404, 400…), which is reported, not guessed.
 */
import { randomBytes } from 'node:crypto';
import type { FakeWeChatCall, ReviewTarget } from '../review-target';
import type { UgcExemption } from '../dynamic-config';
import { probePng } from './probe-image';
import { fieldSchema, sampleBody, UnfillableFieldError } from './sample-body';
import type { ExemptionIndex } from './ugc-exemptions';
import type { WriteRoute } from './write-routes';

/** The field name reported for an upload (there is no text field to name). */
export const UPLOAD_FIELD = '(uploaded image)';
/** A check may run just after the answer (a job): wait this long before calling text unchecked. */
const TEXT_CHECK_WAIT_MS = 1_500;
/** Image checks are often submitted by a background job: give it time. */
const MEDIA_CHECK_WAIT_MS = 5_000;

export type FieldVerdict =
  | { kind: 'checked'; status: number; evidence: 'msg_sec_check' | 'media_check_async' | 'refused with 422' }
  | { kind: 'unchecked'; status: number }
  | { kind: 'unexercised'; why: string }
  | { kind: 'exempt'; exemption: UgcExemption };

export interface FieldProbe {
  route: WriteRoute;
  field: string;
  verdict: FieldVerdict;
}

interface Answer {
  status: number;
  body: string;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(found: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!found()) {
    if (Date.now() > deadline) return false;
    await wait(50);
  }
  return true;
}

function carries(call: FakeWeChatCall, token: string): boolean {
  return Object.values(call).some((value) => typeof value === 'string' && value.includes(token));
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}

/** A probe that fits the field: the risky text plus a token unique to this field. */
function probeText(riskyText: string, maxLength: number | undefined): { text: string; token: string } | undefined {
  for (const size of [8, 4]) {
    const token = `rk${randomBytes(8).toString('hex').slice(0, size)}`;
    const text = `${riskyText}${token}`;
    if (maxLength === undefined || text.length <= maxLength) return { text, token };
  }
  return undefined;
}

export interface ExerciseOptions {
  target: ReviewTarget;
  routes: WriteRoute[];
  exemptions: ExemptionIndex;
  pathParams: Record<string, string | number>;
  /** Text the target's content check judges risky (ReviewTarget.riskyText or review.config.json server.riskyText). */
  riskyText: string;
}

export async function exerciseWriteRoutes(options: ExerciseOptions): Promise<FieldProbe[]> {
  const { target, exemptions, pathParams } = options;
  const sessions = (await target.sessions?.()) ?? {};
  const textChecks = target.fake.calls.msg_sec_check;
  const mediaChecks = target.fake.calls.media_check_async;

  /** Who sends: the member first; the moderator only in the second pass (see below). */
  let asModerator = false;
  async function send(
    route: WriteRoute,
    url: string,
    body: () => BodyInit,
    contentType: string | undefined,
  ): Promise<Answer | 'members refused'> {
    const headers = asModerator ? sessions.moderator : sessions.member;
    const response = await fetch(`${target.apiUrl}${url}`, {
      method: route.method,
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
      body: body(),
    });
    const answer = { status: response.status, body: await response.text() };
    if (!asModerator && (answer.status === 401 || answer.status === 403) && sessions.moderator) return 'members refused';
    return answer;
  }

  function resolvePath(route: WriteRoute): string | { missing: string } {
    let url = route.path;
    for (const param of route.pathParams) {
      const value = pathParams[param.name];
      if (value === undefined) return { missing: param.name };
      url = url.replace(`{${param.name}}`, encodeURIComponent(String(value)));
    }
    return url;
  }

  async function probeTextField(route: WriteRoute, url: string, field: string): Promise<FieldVerdict | 'members refused'> {
    const probe = probeText(options.riskyText, fieldSchema(route.body ?? {}, field)?.maxLength);
    if (!probe) return { kind: 'unexercised', why: `field ${field} is too short to carry a probe text` };
    let body: Record<string, unknown>;
    try {
      body = sampleBody(route.body ?? {}, field, probe.text);
    } catch (error) {
      if (error instanceof UnfillableFieldError) return { kind: 'unexercised', why: error.message };
      throw error;
    }
    const seen = () => textChecks.some((call) => carries(call, probe.token));
    const answer = await send(route, url, () => JSON.stringify(body), 'application/json');
    if (answer === 'members refused') return answer;
    if (seen()) return { kind: 'checked', status: answer.status, evidence: 'msg_sec_check' };
    if (answer.status === 422) return { kind: 'checked', status: 422, evidence: 'refused with 422' };
    if (answer.status >= 200 && answer.status < 300) {
      return (await waitFor(seen, TEXT_CHECK_WAIT_MS))
        ? { kind: 'checked', status: answer.status, evidence: 'msg_sec_check' }
        : { kind: 'unchecked', status: answer.status };
    }
    return { kind: 'unexercised', why: `it answered ${answer.status}: ${excerpt(answer.body)}` };
  }

  async function probeUpload(route: WriteRoute, url: string): Promise<FieldVerdict | 'members refused'> {
    const before = mediaChecks.length;
    const image = probePng();
    const form = () => {
      const data = new FormData();
      data.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'review-probe.png');
      return data;
    };
    const answer = await send(route, url, form, undefined);
    if (answer === 'members refused') return answer;
    if (answer.status === 422) return { kind: 'checked', status: 422, evidence: 'refused with 422' };
    if (answer.status >= 200 && answer.status < 300) {
      return (await waitFor(() => mediaChecks.length > before, MEDIA_CHECK_WAIT_MS))
        ? { kind: 'checked', status: answer.status, evidence: 'media_check_async' }
        : { kind: 'unchecked', status: answer.status };
    }
    return { kind: 'unexercised', why: `it answered ${answer.status}: ${excerpt(answer.body)}` };
  }

  async function probeField(route: WriteRoute, field: string): Promise<FieldVerdict | 'members refused'> {
    const exemption = exemptions.find(route.name, field);
    if (exemption) return { kind: 'exempt', exemption };
    const url = resolvePath(route);
    if (typeof url !== 'string') return { kind: 'unexercised', why: `no value for the path parameter {${url.missing}}` };
    return field === UPLOAD_FIELD ? probeUpload(route, url) : probeTextField(route, url, field);
  }

  const probes: FieldProbe[] = [];
  const forModerators: { route: WriteRoute; field: string; index: number }[] = [];
  for (const route of options.routes) {
    for (const field of [...route.textFields, ...(route.upload ? [UPLOAD_FIELD] : [])]) {
      const verdict = await probeField(route, field);
      if (verdict === 'members refused') {
        forModerators.push({ route, field, index: probes.length });
        probes.push({ route, field, verdict: { kind: 'unexercised', why: 'members are refused' } });
      } else {
        probes.push({ route, field, verdict });
      }
    }
  }
  // Moderators' actions (reject, ban…) change what members' routes can reach: they go last.
  asModerator = true;
  for (const { route, field, index } of forModerators) {
    const verdict = await probeField(route, field);
    probes[index] = {
      route,
      field,
      verdict: verdict === 'members refused' ? { kind: 'unexercised', why: 'members are refused' } : verdict,
    };
  }
  return probes;
}
