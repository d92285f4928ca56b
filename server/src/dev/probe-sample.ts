/**
 * The known-bad sample the content-check probe sends when the server talks to the fake WeChat:
 * the production sample plus the fake's risky marker, because the fake judges markers, not meaning.
 * The development stack and the tests set CONTENT_CHECK_PROBE_TEXT to it.
 */
import { DEFAULT_PROBE_SAMPLE } from '../modules/moderation/content-check-probe.service';
import { RISKY_MARKER } from './fake-wechat/verdict-rule';

export const FAKE_WECHAT_PROBE_SAMPLE = `${DEFAULT_PROBE_SAMPLE} ${RISKY_MARKER}`;
