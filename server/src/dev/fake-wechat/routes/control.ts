/**
 * `/__fake/*`: the in-process controls (FakeWeChat methods) over HTTP, for a fake running in
 * another process (npm start, end-to-end journeys). Not part of WeChat's API.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { FAILURE_MODES, FAKE_APIS } from '../apis';
import { PUSH_MODES } from '../push-config';
import type { FakeWeChatState } from '../state';

const Target = Type.Union([...FAKE_APIS.map((api) => Type.Literal(api)), Type.Literal('*')]);
const Mode = Type.Union(FAILURE_MODES.map((mode) => Type.Literal(mode)));
const Ok = Type.Object({ ok: Type.Literal(true) });
const BadRequest = Type.Object({ error: Type.String() });
const PushMode = Type.Union(PUSH_MODES.map((mode) => Type.Literal(mode)));
const Suggest = Type.Union([Type.Literal('pass'), Type.Literal('review'), Type.Literal('risky')]);

export const controlRoutes: FastifyPluginAsyncTypebox<{ state: FakeWeChatState }> = async (app, { state }) => {
  app.post(
    '/__fake/login',
    {
      schema: {
        body: Type.Optional(Type.Object({ openid: Type.Optional(Type.String({ minLength: 1 })) })),
        response: { 200: Type.Object({ code: Type.String() }) },
      },
    },
    async (request) => ({ code: state.loginCodes.issue(request.body?.openid) }),
  );

  app.post(
    '/__fake/fail',
    {
      schema: {
        body: Type.Object({ api: Target, mode: Mode, times: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: Ok, 400: BadRequest },
      },
    },
    async (request, reply) => {
      try {
        state.failures.failNext(request.body.api, request.body.mode, request.body.times);
      } catch (error) {
        return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
      }
      return { ok: true as const };
    },
  );

  app.post(
    '/__fake/failure',
    {
      schema: {
        body: Type.Object({ api: Target, mode: Type.Union([Mode, Type.Null()]) }),
        response: { 200: Ok, 400: BadRequest },
      },
    },
    async (request, reply) => {
      try {
        state.failures.setFailure(request.body.api, request.body.mode);
      } catch (error) {
        return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
      }
      return { ok: true as const };
    },
  );

  app.post('/__fake/reset', { schema: { response: { 200: Ok } } }, async () => {
    state.reset();
    return { ok: true as const };
  });

  // No response schema: params are whatever clients sent, and must come back unfiltered.
  app.get('/__fake/calls', async () => state.calls.byApi);

  app.post(
    '/__fake/push-config',
    {
      schema: {
        body: Type.Object({
          url: Type.Optional(Type.String()),
          token: Type.Optional(Type.String()),
          encodingAesKey: Type.Optional(Type.String()),
          mode: Type.Optional(PushMode),
          delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: { 200: Ok, 400: BadRequest },
      },
    },
    async (request, reply) => {
      try {
        state.media.configure(request.body);
      } catch (error) {
        return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
      }
      return { ok: true as const };
    },
  );

  app.post('/__fake/push-hold', { schema: { body: Type.Object({ hold: Type.Boolean() }), response: { 200: Ok } } }, async (request) => {
    state.media.hold(request.body.hold);
    return { ok: true as const };
  });

  app.post(
    '/__fake/push',
    {
      schema: {
        body: Type.Object({
          traceId: Type.String({ minLength: 1 }),
          suggest: Type.Optional(Suggest),
          forgeSignature: Type.Optional(Type.Boolean()),
          timestamp: Type.Optional(Type.Integer()),
          mode: Type.Optional(PushMode),
        }),
        response: { 200: Type.Object({ status: Type.Integer(), body: Type.String() }), 400: BadRequest },
      },
    },
    async (request, reply) => {
      const { traceId, ...options } = request.body;
      try {
        return await state.media.pushFor(traceId, options);
      } catch (error) {
        return reply.code(400).send({ error: error instanceof Error ? error.message : String(error) });
      }
    },
  );

  // No response schemas: what was received and sent must come back unfiltered.
  app.get('/__fake/media-checks', async () => state.media.accepted);
  app.get('/__fake/pushes', async () => state.media.pushes.list);
};
