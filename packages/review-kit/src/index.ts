/**
 * miniprogram-review-kit: checks a native WeChat mini program against WeChat's common review
 * rejection reasons, prints the submission materials, and guards uploads. The CLI is `review-kit`;
 * this is the same as a library, plus the types a project's review adapter implements.
 */
export { runReview, blockingFindings, type ReviewResult } from './run-review';
export { loadProject, type ReviewProject, type ReviewConfig, type ReviewExemption, type AppJson, type SourceFile } from './project';
export { staticRules } from './rules/index';
export { dynamicRules } from './rules/dynamic/index';
export { observeProject, type DynamicObservations } from './rules/dynamic/dynamic-run';
export type { ReviewTarget, StartReviewTarget, FakeWeChatCall } from './rules/dynamic/review-target';
export type { ReviewServerConfig, UgcExemption } from './rules/dynamic/dynamic-config';
export { applyExemptions } from './exemptions';
export { buildMaterials, formatMaterials, type Materials } from './materials/index';
export { PASSWORD_PLACEHOLDER } from './materials/version-notes';
export { formatReport, reportJson, summarize } from './report';
export { runLiveProbe, type LiveProbeOptions } from './live-probe';
export { publish, parsePublishArgs, PublishError, type PublishArgs, type PublishDeps, type CiClient } from './publish';
export { measurePackage, MAIN_PACKAGE_LIMIT_BYTES, type PackageSize } from './measure/package-size';
export type { Finding, Rule, ReviewMode, ReviewOptions, Severity } from './types';
