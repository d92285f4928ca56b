/**
 * The API contract: TypeBox schemas the server validates and serialises with, and (through
 * typings/api.d.ts) the types the mini program compiles against. One source of truth.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** Every error answer. `message` is shown to end users (Chinese); `code` and `detail` are for developers. */
export const ApiError = Type.Object({
  code: Type.String({ description: 'Stable machine-readable error code, e.g. content_risky' }),
  message: Type.String({ description: 'Short Chinese message safe to show to the user' }),
  detail: Type.Optional(Type.String({ description: 'English detail for developers' })),
});
export type ApiError = Static<typeof ApiError>;

/**
 * The largest id any table can hold: ids are PostgreSQL `integer` (int4) columns, so a larger one
 * names nothing. Every id a client sends (path, query, body, cursor) is checked against it, so an
 * id past the range is a 400 on both databases instead of a database error.
 */
export const MAX_ID = 2_147_483_647;
export const Id = (options: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: MAX_ID, ...options });

/**
 * Text a person writes: it must hold something besides whitespace. The error handler recognises
 * this pattern and answers 400 `blank_text` with a Chinese message naming the field.
 */
export const NOT_BLANK = '\\S';

export const IdParams = Type.Object({ id: Id() });

export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 64, description: 'Opaque cursor from the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page' }),
  });
}

export const ContentStatus = Type.Union(
  [Type.Literal('checking'), Type.Literal('held'), Type.Literal('published'), Type.Literal('rejected')],
  { description: 'checking: content check pending; held: under manual review (审核中); published; rejected (see reviewMessage)' },
);
export type ContentStatus = Static<typeof ContentStatus>;

export const Role = Type.Union([Type.Literal('guest'), Type.Literal('member'), Type.Literal('moderator')]);
export type Role = Static<typeof Role>;

export const Author = Type.Object({
  id: Type.Integer(),
  nickname: Type.String({ description: 'Public nickname, or a neutral placeholder until one is approved' }),
  avatarUrl: Type.Union([Type.String(), Type.Null()], { description: 'Approved avatar, or null for the default one' }),
});
export type Author = Static<typeof Author>;

export const errorResponses = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  413: ApiError,
  415: ApiError,
  422: ApiError,
  429: ApiError,
  503: ApiError,
} as const;
