/** The dynamic rules' pure parts: which routes and fields count as UGC, sample bodies, exemptions, blankness. */
import { JSDOM } from 'jsdom';
import { visibleContent } from '../../src/render/visible-content';
import { blankReason } from '../../src/rules/dynamic/blank-page';
import { FILLER_TEXT, sampleBody, UnfillableFieldError } from '../../src/rules/dynamic/ugc/sample-body';
import { indexExemptions } from '../../src/rules/dynamic/ugc/ugc-exemptions';
import { isFreeText, writeRoutes, type JsonSchema } from '../../src/rules/dynamic/ugc/write-routes';

const json = (schema: JsonSchema) => ({ requestBody: { content: { 'application/json': { schema } } } });
const document = {
  paths: {
    '/posts': {
      get: {},
      post: json({
        type: 'object',
        required: ['boardId', 'title'],
        properties: {
          boardId: { type: 'integer', minimum: 1 },
          title: { type: 'string', minLength: 1, maxLength: 60 },
          kind: {
            anyOf: [
              { type: 'string', enum: ['a'] },
              { type: 'string', enum: ['b'] },
            ],
          },
          mediaIds: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f-]{36}$' } },
          tags: { type: 'array', items: { type: 'string', maxLength: 10 } },
          profile: { type: 'object', properties: { bio: { type: 'string' } } },
        },
      }),
    },
    '/posts/{id}': { delete: { parameters: [{ in: 'path', name: 'id', schema: { type: 'integer' } }] } },
    '/media': { post: { summary: 'Upload an image (multipart: field `file`)' } },
    '/avatars': { put: {} },
    '/when': { post: json({ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } }) },
  },
};

describe('writeRoutes', () => {
  it('keeps write routes with free-text fields or uploads, naming nested and array fields', () => {
    const routes = writeRoutes(document, ['PUT /avatars']);
    expect(routes.map((route) => [route.name, route.textFields, route.upload])).toEqual([
      ['POST /media', [], true],
      ['POST /posts', ['title', 'tags[]', 'profile.bio'], false],
      ['PUT /avatars', [], true],
    ]);
  });
});

describe('sampleBody', () => {
  const schema = writeRoutes(document).find((route) => route.name === 'POST /posts')?.body as JsonSchema;

  it('puts the probe in the chosen field and valid filler in the required ones', () => {
    expect(sampleBody(schema, 'title', 'PROBE')).toEqual({ boardId: 1, title: 'PROBE' });
    expect(sampleBody(schema, 'tags[]', 'PROBE')).toEqual({ boardId: 1, title: FILLER_TEXT, tags: ['PROBE'] });
    expect(sampleBody(schema, 'profile.bio', 'PROBE')).toEqual({ boardId: 1, title: FILLER_TEXT, profile: { bio: 'PROBE' } });
  });

  it('gives up on a required value it cannot make up (a pattern)', () => {
    const strict: JsonSchema = {
      type: 'object',
      required: ['code', 'text'],
      properties: { code: { type: 'string', pattern: '^[A-Z]{6}$' }, text: { type: 'string' } },
    };
    expect(() => sampleBody(strict, 'text', 'PROBE')).toThrow(UnfillableFieldError);
  });
});

describe('ugc exemptions', () => {
  it('match by route (either parameter spelling, * wildcard) and field; report unusable and unused entries', () => {
    const index = indexExemptions([
      { route: 'POST /moderation/*', fields: ['reason'], reason: 'moderators write it' },
      { route: 'POST /reports/:id', reason: 'only moderators read it' },
      { route: 'POST /auth/login', reason: '' },
      { route: 'POST /gone', reason: 'stale' },
    ]);
    expect(index.find('POST /moderation/users/{id}/ban', 'reason')?.reason).toBe('moderators write it');
    expect(index.find('POST /moderation/users/{id}/ban', 'note')).toBeUndefined();
    expect(index.find('POST /reports/{id}', 'detail')?.reason).toBe('only moderators read it');
    expect(index.find('POST /auth/login', 'password')).toBeUndefined();
    expect(index.withoutReason.map((entry) => entry.route)).toEqual(['POST /auth/login']);
    expect(index.unused().map((entry) => entry.route)).toEqual(['POST /gone']);
  });
});

describe('what counts as blank', () => {
  const page = { route: 'pages/x/index', url: '/pages/x/index', texts: [] as string[], imageCount: 0, settled: true };

  it('content is visible text or an image; a loading line alone is not', () => {
    expect(blankReason({ ...page, texts: ['欢迎'] })).toBeUndefined();
    expect(blankReason({ ...page, imageCount: 1 })).toBeUndefined();
    expect(blankReason(page)).toBe('it shows no text and no image');
    expect(blankReason({ ...page, texts: ['加载中…'], settled: false, pending: 'request' })).toBe(
      'it only shows "加载中…" and was still waiting (request)',
    );
    expect(blankReason({ ...page, texts: ['欢迎'], error: 'boom' })).toBe('it failed to open: boom');
  });

  it('leaves out hidden elements', () => {
    const { window } = new JSDOM(
      '<div id="root"><wx-view hidden>隐藏</wx-view><wx-view style="display: none">也隐藏</wx-view><wx-text> 看得见 </wx-text><wx-image></wx-image></div>',
    );
    expect(visibleContent(window.document.getElementById('root'))).toEqual({ texts: ['看得见'], imageCount: 1 });
  });
});

describe('text constrained by a pattern', () => {
  // A server that refuses whitespace-only text (pattern \S) still takes prose: it must be probed,
  // or the kit would silently skip exactly the fields a careful server validates best.
  it('a pattern that prose satisfies is still free text, and gets the filler', () => {
    expect(isFreeText({ type: 'string', pattern: '\\S' })).toBe(true);
    expect(
      sampleBody({ type: 'object', properties: { title: { type: 'string', pattern: '\\S' } }, required: ['title'] }, 'other', 'x'),
    ).toEqual({
      title: FILLER_TEXT,
    });
  });
  it('a pattern prose cannot satisfy is a machine format, left alone', () => {
    expect(isFreeText({ type: 'string', pattern: '^[0-9a-f]{32}$' })).toBe(false);
    expect(() =>
      sampleBody(
        { type: 'object', properties: { token: { type: 'string', pattern: '^[0-9a-f]{32}$' } }, required: ['token'] },
        'other',
        'x',
      ),
    ).toThrow(UnfillableFieldError);
  });
});
