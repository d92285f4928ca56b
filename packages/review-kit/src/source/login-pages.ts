/**
 * Which pages are login pages: those listed in review.config.json `loginPages`, else those whose
 * route names a login step (`login`, `signin`, `auth`, `register`, `bind-phone`…) or whose title
 * says 登录/授权/注册.
 */
import type { ReviewProject } from '../project';
import { pageJson } from './project-files';

const LOGIN_SEGMENT =
  /^(login|log-in|signin|sign-in|sign_in|signup|sign-up|register|auth|authorize|authorization|oauth|bind-?phone|phone-?login)$/i;
const LOGIN_TITLE = /登录|登陆|授权|注册/;

export function loginPages(project: ReviewProject): string[] {
  if (project.config.loginPages) return project.config.loginPages.map((route) => route.replace(/^\//, ''));
  return project.pages.filter(
    (route) =>
      route.split('/').some((segment) => LOGIN_SEGMENT.test(segment)) ||
      LOGIN_TITLE.test(pageJson(project, route)?.navigationBarTitleText ?? ''),
  );
}
