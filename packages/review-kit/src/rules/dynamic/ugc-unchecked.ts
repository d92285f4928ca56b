/**
 * ugc-unchecked: every server route that accepts user text or images sends it through WeChat's
 * content security check before anyone else can see it (a 社交-社区/论坛 app is rejected without
 * it). Proven by exercising the routes against the fake WeChat, not by reading code: see
 * ugc/exercise-routes.ts. Routes taking non-UGC strings are listed in review.config.json
 * `server.ugcExemptions` with a reason, and reported as info.
 */
import type { ReviewProject } from '../../project';
import type { Finding, Rule } from '../../types';
import { observeProject, type UgcObservations } from './dynamic-run';
import { UPLOAD_FIELD, type FieldProbe } from './ugc/exercise-routes';
import { routeSource } from './ugc/route-source';

export const UGC_UNCHECKED_RULE_ID = 'ugc-unchecked';

const EXEMPT_FIX =
  'If this text is not user content shown to others (credentials, an enum-like value, text only moderators read), list it in review.config.json "server": { "ugcExemptions": [{ "route": "…", "fields": ["…"], "reason": "…" }] }.';

function finding(project: ReviewProject, probe: FieldProbe, severity: Finding['severity'], message: string, fix: string): Finding {
  return {
    ruleId: UGC_UNCHECKED_RULE_ID,
    severity,
    message,
    route: probe.route.name,
    ...(routeSource(project, probe.route) ?? {}),
    evidence: `${probe.route.name} ${probe.field}`,
    fix,
  };
}

function probeFinding(project: ReviewProject, probe: FieldProbe): Finding | undefined {
  const { verdict, route, field } = probe;
  const what = field === UPLOAD_FIELD ? 'an uploaded image' : `text in "${field}"`;
  switch (verdict.kind) {
    case 'checked':
      return undefined;
    case 'unchecked':
      return finding(
        project,
        probe,
        'blocking',
        `${route.name} accepted ${what} (answered ${verdict.status}) without sending it to WeChat's content check (${field === UPLOAD_FIELD ? 'no mediaCheckAsync call followed' : 'no msgSecCheck call carried the probe, and it was not refused with 422'})`,
        field === UPLOAD_FIELD
          ? 'Submit every uploaded image to mediaCheckAsync v2 and keep it private until the wxa_media_check push says pass.'
          : `Run the text through msgSecCheck v2 (with the right scene) before storing it, and refuse risky text with 422. ${EXEMPT_FIX}`,
      );
    case 'unexercised':
      return finding(
        project,
        probe,
        'warning',
        `${route.name} takes ${what}, but the kit could not exercise it: ${verdict.why}`,
        `Give the kit what the route needs (review.config.json "server": { "pathParams": { … } }, or a seeded row it can refer to), or, if the text is not user content, exempt it. ${EXEMPT_FIX}`,
      );
    case 'exempt':
      return undefined;
  }
}

/** One info per exempted route and reason, naming its fields, so exemptions stay visible but brief. */
function exemptionFindings(project: ReviewProject, probes: FieldProbe[]): Finding[] {
  const groups = new Map<string, FieldProbe[]>();
  for (const probe of probes) {
    if (probe.verdict.kind !== 'exempt') continue;
    const key = `${probe.route.name}\n${probe.verdict.exemption.reason}`;
    groups.set(key, [...(groups.get(key) ?? []), probe]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as FieldProbe;
    const reason = first.verdict.kind === 'exempt' ? first.verdict.exemption.reason : '';
    const fields = group.map((probe) => (probe.field === UPLOAD_FIELD ? 'upload' : `"${probe.field}"`)).join(', ');
    return finding(
      project,
      first,
      'info',
      `${first.route.name} ${fields} not exercised: exempted in review.config.json: ${reason}`,
      'Nothing to do while the reason holds; remove the exemption if the field starts carrying user content.',
    );
  });
}

function configFindings(ugc: UgcObservations): Finding[] {
  const base = { ruleId: UGC_UNCHECKED_RULE_ID, file: 'review.config.json' };
  return [
    ...ugc.exemptionsWithoutReason.map((entry): Finding => ({
      ...base,
      severity: 'warning',
      message: `server.ugcExemptions entry "${String(entry.route)}" has no reason and is ignored`,
      fix: 'Add "reason": why this text needs no content check.',
    })),
    ...ugc.unusedExemptions.map((entry): Finding => ({
      ...base,
      severity: 'warning',
      message: `server.ugcExemptions entry "${entry.route}"${entry.fields ? ` (${entry.fields.join(', ')})` : ''} matches no write route taking text`,
      fix: 'Remove it, or correct the route ("METHOD /path" as in the OpenAPI document) or field names.',
    })),
  ];
}

export const ugcUncheckedRule: Rule = {
  id: UGC_UNCHECKED_RULE_ID,
  title: 'Every server route taking user text or images goes through the content check',
  async run(project) {
    const observed = await observeProject(project);
    if (!observed.serverSource) {
      const declaredNone = project.config.server?.entry === false;
      return [
        {
          ruleId: UGC_UNCHECKED_RULE_ID,
          severity: declaredNone ? 'info' : 'warning',
          message: declaredNone
            ? 'No server to exercise (review.config.json server.entry is false)'
            : 'No server found to exercise: review.config.json names no server.entry',
          fix: 'Name a module exporting startReviewTarget() in review.config.json "server": { "entry": "…" } (the ReviewTarget interface of miniprogram-review-kit; see its README), or set "entry": false if the app has no server.',
        },
      ];
    }
    const cannot = (why: string): Finding[] => [
      {
        ruleId: UGC_UNCHECKED_RULE_ID,
        severity: 'blocking',
        message: `The server's write routes could not be exercised, so none is known to check content: ${why}`,
        fix: `Make ${observed.serverSource} start (with the fake WeChat) and serve its OpenAPI document, then run the review again.`,
      },
    ];
    if (observed.serverError) return cannot(`starting ${observed.serverSource} failed: ${observed.serverError}`);
    if (observed.ugcError || !observed.ugc) return cannot(observed.ugcError ?? 'no result');
    const { ugc } = observed;
    const findings = ugc.probes.map((probe) => probeFinding(project, probe)).filter((f): f is Finding => f !== undefined);
    findings.push(...exemptionFindings(project, ugc.probes));
    const checked = ugc.probes.filter((probe) => probe.verdict.kind === 'checked');
    if (checked.length > 0) {
      findings.push({
        ruleId: UGC_UNCHECKED_RULE_ID,
        severity: 'info',
        message: `Content check proven on ${checked.length} field(s): ${checked.map((probe) => `${probe.route.name} ${probe.field}`).join('; ')}`,
        fix: 'Nothing to do.',
      });
    }
    return [...findings, ...configFindings(ugc)];
  },
};
