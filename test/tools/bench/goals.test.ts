import { failedGoals, median, renderTable, serverGoals, verdictOf, type Goal } from '../../../tools/bench/goals';
import { ownerOf } from '../../../tools/bench/server/profile';
import { FULL_SETTINGS, type ServerBenchResult } from '../../../tools/bench/server/server-bench';

const load = (rps: number, p99 = 5) => ({ rps, p50: 1, p99, requests: rps * 5, non2xx: 0, errors: 0 });

describe('bench goals', () => {
  const timing: Goal = { goal: 'fast', measured: '30 ms', ok: false, timing: true };
  const size: Goal = { goal: 'small', measured: '3 MB', ok: false, timing: false };

  it('a quick run reports timing goals without failing on them, but still fails on sizes', () => {
    expect(verdictOf(timing, true)).toBe('not judged (quick)');
    expect(verdictOf(timing, false)).toBe('FAIL');
    expect(failedGoals([timing, size], true)).toEqual([size]);
    expect(failedGoals([timing, size], false)).toEqual([timing, size]);
    expect(failedGoals([{ ...size, ok: true }], false)).toEqual([]);
  });

  it('renders an aligned goal / measured / verdict table', () => {
    const lines = renderTable([timing, { ...size, ok: true }], false);
    expect(lines[0]).toMatch(/^\| goal +\| measured +\| verdict +\|$/);
    expect(lines.slice(2).map((l) => l.trim().split('|').at(-2)?.trim())).toEqual(['FAIL', 'pass']);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('judges the server figures: median ratio of interleaved reps, p99, reader p99 under posting, queue growth', () => {
    const result: ServerBenchResult = {
      database: 'sqlite',
      forum: { posts: 1, comments: '' },
      settings: FULL_SETTINGS,
      reads: [
        {
          name: 'GET /posts',
          ratios: [0.4, 0.6, 0.55],
          app: [load(400, 12), load(600, 30), load(550, 15)],
          bare: [load(1000), load(1000), load(1000)],
          responseBytes: 2048,
        },
        { name: 'GET /posts/:id', ratios: [0.3, 0.2, 0.45], app: [load(300)], bare: [load(1000)], responseBytes: 1024 },
      ],
      posting: { readersAlone: load(300, 4), readersWhilePosting: load(300, 26), posting: load(25, 40) },
      queues: [
        { name: '/moderation/posts', small: { queued: 1000, p50: 1 }, large: { queued: 100000, p50: 1.9 } },
        { name: '/moderation/media', small: { queued: 1000, p50: 1 }, large: { queued: 100000, p50: 45 } },
      ],
    };
    const verdicts = Object.fromEntries(serverGoals(result).map((g) => [g.goal, g.ok]));
    expect(verdicts).toEqual({
      'GET /posts ≥ 50 % of bare Fastify req/s': true,
      'GET /posts p99 ≤ 20 ms at 50 connections': true,
      'GET /posts/:id ≥ 50 % of bare Fastify req/s': false,
      'reader p99 while posting ≤ 25 ms': false,
      '/moderation/posts p50 at 100000 ≤ 2× at 1000': true,
      '/moderation/media p50 at 100000 ≤ 2× at 1000': false,
    });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('attributes profile frames to packages and to our modules', () => {
    expect(ownerOf('file:///w/node_modules/kysely/dist/cjs/x.js')).toBe('kysely');
    expect(ownerOf('file:///w/node_modules/@fastify/ajv-compiler/index.js')).toBe('@fastify/ajv-compiler');
    expect(ownerOf('file:///w/server/src/modules/forum/forum.service.ts')).toBe('server/src/modules/forum');
    expect(ownerOf('node:internal/streams/writable')).toBe('node:internal');
    expect(ownerOf('')).toBe('(native/gc)');
  });
});
