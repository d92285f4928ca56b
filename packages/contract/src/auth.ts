import { Type, type Static } from '@sinclair/typebox';
import { NOT_BLANK, Role } from './common';

export const Me = Type.Object({
  id: Type.Integer(),
  role: Role,
  nickname: Type.Union([Type.String(), Type.Null()], { description: 'Public nickname' }),
  pendingNickname: Type.Union([Type.String(), Type.Null()], { description: 'Requested nickname not public yet' }),
  pendingNicknameStatus: Type.Union([Type.Literal('checking'), Type.Literal('held'), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()], { description: 'Approved avatar' }),
  avatarPending: Type.Boolean({ description: 'A new avatar is being checked' }),
  isTestAccount: Type.Boolean(),
  banned: Type.Boolean(),
  canPost: Type.Boolean({ description: 'false until the user has set a nickname, or while banned' }),
});
export type Me = Static<typeof Me>;

export const TokenPair = Type.Object({
  accessToken: Type.String(),
  accessTokenExpiresIn: Type.Integer({ description: 'seconds' }),
  refreshToken: Type.String(),
  user: Me,
});
export type TokenPair = Static<typeof TokenPair>;

export const WeChatLoginBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 128, description: 'wx.login() code' }),
});
export type WeChatLoginBody = Static<typeof WeChatLoginBody>;

export const PasswordLoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  code: Type.String({
    minLength: 1,
    maxLength: 128,
    description: 'wx.login() code of the device, so content checks know the WeChat user',
  }),
});
export type PasswordLoginBody = Static<typeof PasswordLoginBody>;

export const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 256 }) });
export type RefreshBody = Static<typeof RefreshBody>;

export const UpdateMeBody = Type.Object({
  nickname: Type.String({ minLength: 1, maxLength: 20, pattern: NOT_BLANK, description: 'From <input type="nickname">' }),
});
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const UpdateMeResult = Type.Object({
  user: Me,
  nicknameStatus: Type.Union([Type.Literal('published'), Type.Literal('held'), Type.Literal('checking')]),
});
export type UpdateMeResult = Static<typeof UpdateMeResult>;
