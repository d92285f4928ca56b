/**
 * This template's adapter for the headless host (`headless-host --backend server/src/dev/host-backend.ts`):
 * starts the development stack (server + fake WeChat, seeded throwaway database, free ports),
 * takes wx.login codes from the fake WeChat and reports the seeded reviewer account.
 */
import type { HostBackend, HostBackendOptions } from 'miniprogram-headless-host';
import { startDevStack } from './dev-stack';

/** wx.login codes from the fake WeChat (`POST /__fake/login {openid}` → `{code}`, see its README). */
export function fakeWeChatLoginCodeUrl(fakeWeChatUrl: string): string {
  return `${fakeWeChatUrl.replace(/\/$/, '')}/__fake/login`;
}

export async function startHostBackend(_options?: HostBackendOptions): Promise<HostBackend> {
  const stack = await startDevStack({ ephemeral: true, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
  return {
    apiUrl: stack.apiUrl,
    ...(stack.fake ? { loginCodeUrl: fakeWeChatLoginCodeUrl(stack.fake.url) } : {}),
    testAccounts: [stack.testAccount],
    description: `server ${stack.apiUrl}, fake WeChat ${stack.fake?.url ?? '(none)'}, test account ${stack.testAccount.username}`,
    close: () => stack.close(),
  };
}
