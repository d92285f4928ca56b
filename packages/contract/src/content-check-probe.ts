/**
 * The content-check probe (moderators only): runs a known-bad sample through the deployment's
 * real msgSecCheck and says whether the check is really wired, as WeChat's guides advise testing
 * the security API in the beta build before submitting. The review kit's `--server` mode calls it.
 */
import { Type, type Static } from '@sinclair/typebox';

export const ContentCheckProbeBody = Type.Object({
  scene: Type.Optional(
    Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
      default: 3,
      description: 'msgSecCheck scene: 1 profile, 2 comment, 3 forum (default), 4 social log',
    }),
  ),
});
export type ContentCheckProbeBody = Static<typeof ContentCheckProbeBody>;

export const ContentCheckProbeOutcome = Type.Union([Type.Literal('wired'), Type.Literal('not_wired'), Type.Literal('unverified')], {
  description: 'wired: WeChat flagged the sample; not_wired: it answered pass for a known-bad sample; unverified: no verdict (see detail)',
});
export type ContentCheckProbeOutcome = Static<typeof ContentCheckProbeOutcome>;

export const ContentCheckProbeResult = Type.Object({
  outcome: ContentCheckProbeOutcome,
  wired: Type.Boolean({ description: 'true only when WeChat answered risky or review for the known-bad sample' }),
  suggest: Type.Union([Type.Literal('pass'), Type.Literal('review'), Type.Literal('risky'), Type.Null()], {
    description: 'null when WeChat gave no verdict',
  }),
  label: Type.Union([Type.Integer(), Type.Null()]),
  traceId: Type.Union([Type.String(), Type.Null()]),
  scene: Type.Integer(),
  sample: Type.String({ description: 'The text that was checked' }),
  detail: Type.String({ description: 'English explanation for the developer' }),
});
export type ContentCheckProbeResult = Static<typeof ContentCheckProbeResult>;
