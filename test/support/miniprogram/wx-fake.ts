/**
 * The headless host's wx fake with this template's login: `configure({ fakeWeChatUrl })` makes
 * wx.login take its codes from the fake WeChat (server/src/dev/host-backend.ts), the way the
 * template's tests start a server and point the mini program at it.
 */
import {
  installWxFake as installHeadlessWxFake,
  type WxFake as HeadlessWxFake,
  type WxFakeOptions,
} from 'miniprogram-headless-host/runtime';
import { fakeWeChatLoginCodeUrl } from '../../../server/src/dev/host-backend';

export interface TemplateWxFakeOptions extends WxFakeOptions {
  /** The fake WeChat's base URL (`fake.url`): wx.login codes come from its `/__fake/login`. */
  fakeWeChatUrl?: string;
}

export interface WxFake extends HeadlessWxFake {
  configure(options: TemplateWxFakeOptions): void;
}

function withLoginCodes({ fakeWeChatUrl, ...options }: TemplateWxFakeOptions): WxFakeOptions {
  return fakeWeChatUrl ? { loginCodeUrl: fakeWeChatLoginCodeUrl(fakeWeChatUrl), ...options } : options;
}

/** installWxFake of miniprogram-headless-host, accepting `fakeWeChatUrl` (install before simulate is required). */
export function installWxFake(options: TemplateWxFakeOptions = {}): WxFake {
  const fake = installHeadlessWxFake(withLoginCodes(options));
  const configure = fake.configure.bind(fake);
  return Object.assign(fake, { configure: (next: TemplateWxFakeOptions) => configure(withLoginCodes(next)) });
}
