/** The steps a guest takes to become a member: 我的 → 设置头像昵称 → agree to privacy → nickname. */
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import { component, currentPage, go, tap, text, type } from './elements';

export async function becomeMember(miniProgram: MiniProgram, nickname: string): Promise<void> {
  const me = await go(miniProgram, 'switchTab', '/pages/me/index');
  await tap(me, '.me__setup');
  const profile = await currentPage(miniProgram, 'pages/profile/index');
  await tap(await component(profile, '#privacy-popup'), '#privacy-agree');
  await type(profile, '.profile__nickname', nickname);
  await tap(profile, '.profile__submit');
  expect(await text(profile, '.profile__current')).toContain(`当前昵称：${nickname}`);
}
