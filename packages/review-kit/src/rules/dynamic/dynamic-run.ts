/**
 * One dynamic run per project and review: start the project's server (with the fake WeChat, on a
 * throwaway database), render every page against it in a child process, then exercise its write
 * routes, and stop it. The three dynamic rules read the same observations, so the server starts
 * once and the pages render once however many of those rules run.
 */
import type { ReviewProject } from '../../project';
import { findApiBaseUrl } from '../api-base-url';
import type { RenderedPage, RenderJob } from '../../render/render-job';
import { renderInChild } from '../../render/render-in-child';
import { reviewTargetSource, startReviewTarget, type ReviewTarget } from './review-target';
import { exerciseWriteRoutes, type FieldProbe } from './ugc/exercise-routes';
import { indexExemptions } from './ugc/ugc-exemptions';
import type { UgcExemption } from './dynamic-config';
import { writeRoutes, type WriteRoute } from './ugc/write-routes';

/** Used when neither review.config.json nor the mini program's sources name the API base URL. */
const DEFAULT_API_BASE_URL = 'http://127.0.0.1:3000';
const PAGE_SETTLE_TIMEOUT_MS = 8_000;

export interface UgcObservations {
  routes: WriteRoute[];
  probes: FieldProbe[];
  exemptionsWithoutReason: UgcExemption[];
  unusedExemptions: UgcExemption[];
}

export interface DynamicObservations {
  /** Where the server came from (module path), or undefined when the project has none. */
  serverSource?: string;
  /** Why the server could not be started, if it could not. */
  serverError?: string;
  pages: RenderedPage[];
  /** Why the pages could not be rendered at all, if they could not. */
  renderError?: string;
  ugc?: UgcObservations;
  /** Why the write routes could not be exercised, if they could not. */
  ugcError?: string;
}

const runs = new WeakMap<ReviewProject, Promise<DynamicObservations>>();

/** The observations for this project, computed on first use and shared by the dynamic rules. */
export function observeProject(project: ReviewProject): Promise<DynamicObservations> {
  let run = runs.get(project);
  if (!run) {
    run = runDynamicChecks(project);
    runs.set(project, run);
  }
  return run;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function openApiDocument(target: ReviewTarget): Promise<unknown> {
  if (target.openApi) return target.openApi();
  const response = await fetch(`${target.apiUrl}/docs/json`);
  if (!response.ok) throw new Error(`GET /docs/json answered ${response.status}: give startReviewTarget() an openApi() function`);
  return response.json();
}

async function renderPages(
  project: ReviewProject,
  target: ReviewTarget | undefined,
): Promise<Pick<DynamicObservations, 'pages' | 'renderError'>> {
  const queries = { ...((await target?.pageQueries?.()) ?? {}), ...(project.config.pageQueries ?? {}) };
  const job: RenderJob = {
    miniprogramRoot: project.miniprogramRoot,
    apiBaseUrl: project.config.server?.apiBaseUrl ?? findApiBaseUrl(project)?.value ?? DEFAULT_API_BASE_URL,
    ...(target ? { apiUrl: target.apiUrl, ...(target.loginCodeUrl ? { loginCodeUrl: target.loginCodeUrl } : {}) } : {}),
    pages: project.pages.map((route) => ({ route, ...(queries[route] ? { query: queries[route] } : {}) })),
    settleTimeoutMs: PAGE_SETTLE_TIMEOUT_MS,
  };
  try {
    return { pages: (await renderInChild(job)).pages };
  } catch (error) {
    return { pages: [], renderError: messageOf(error) };
  }
}

async function exerciseUgc(project: ReviewProject, target: ReviewTarget): Promise<Pick<DynamicObservations, 'ugc' | 'ugcError'>> {
  const serverConfig = project.config.server ?? {};
  try {
    const routes = writeRoutes(await openApiDocument(target), serverConfig.uploadRoutes);
    const exemptions = indexExemptions(serverConfig.ugcExemptions);
    const pathParams = { ...((await target.pathParams?.()) ?? {}), ...(serverConfig.pathParams ?? {}) };
    const riskyText = serverConfig.riskyText ?? target.riskyText;
    if (!riskyText)
      throw new Error(
        `${reviewTargetSource(project) ?? 'the review target'} gives no riskyText (text its content check judges risky), and review.config.json has no server.riskyText`,
      );
    const probes = await exerciseWriteRoutes({ target, routes, exemptions, pathParams, riskyText });
    return { ugc: { routes, probes, exemptionsWithoutReason: exemptions.withoutReason, unusedExemptions: exemptions.unused() } };
  } catch (error) {
    return { ugcError: messageOf(error) };
  }
}

async function runDynamicChecks(project: ReviewProject): Promise<DynamicObservations> {
  const serverSource = reviewTargetSource(project);
  let target: ReviewTarget | undefined;
  let serverError: string | undefined;
  try {
    target = await startReviewTarget(project);
  } catch (error) {
    serverError = messageOf(error);
  }
  try {
    // Pages first: the write probes below may leave content behind that pages would then show.
    const rendered = await renderPages(project, target);
    const ugc = target ? await exerciseUgc(project, target) : {};
    return { ...(serverSource ? { serverSource } : {}), ...(serverError ? { serverError } : {}), ...rendered, ...ugc };
  } finally {
    await target?.close();
  }
}
