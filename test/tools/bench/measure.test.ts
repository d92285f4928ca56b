import { analyzeCriticalPath, payloadBytes, summarizeSetData } from '../../../tools/bench/measure';

describe('bench helpers', () => {
  it('payloadBytes counts UTF-8 bytes of the JSON', () => {
    expect(payloadBytes({ a: 1 })).toBe(7);
    expect(payloadBytes({ t: '帖' })).toBe('{"t":"帖"}'.length + 2);
  });

  it('summarizeSetData reports max/avg and whole-list re-sends', () => {
    const summary = summarizeSetData([{ 'feed.items[20]': { id: 1 } }, { loadingMore: false }, { 'feed.items': [] }]);
    expect(summary.calls).toBe(3);
    expect(summary.maxBytes).toBe(payloadBytes({ 'feed.items[20]': { id: 1 } }));
    expect(summary.totalBytes).toBe(
      payloadBytes({ 'feed.items[20]': { id: 1 } }) + payloadBytes({ loadingMore: false }) + payloadBytes({ 'feed.items': [] }),
    );
    expect(summary.wholeListKeys).toEqual(['feed.items']);
    expect(summarizeSetData([])).toEqual({ calls: 0, maxBytes: 0, avgBytes: 0, totalBytes: 0, wholeListKeys: [] });
  });

  it('analyzeCriticalPath counts what completed before the first render and whether the feed waited for login', () => {
    const o = 'http://127.0.0.1:3000';
    const parallel = analyzeCriticalPath([
      { kind: 'start', id: 1, method: 'POST', url: `${o}/auth/wechat`, atMs: 0 },
      { kind: 'start', id: 2, method: 'GET', url: `${o}/posts?limit=20`, atMs: 1 },
      { kind: 'end', id: 2, statusCode: 200, atMs: 5 },
      { kind: 'render', atMs: 6 },
      { kind: 'end', id: 1, statusCode: 200, atMs: 9 },
    ]);
    expect(parallel.rendered).toBe(true);
    expect(parallel.startedBeforeRender).toBe(2);
    expect(parallel.completedBeforeRender).toBe(1);
    expect(parallel.feedSentBeforeLoginDone).toBe(true);
    expect(parallel.requests.map((r) => r.path)).toEqual(['/auth/wechat', '/posts?limit=20']);

    const serial = analyzeCriticalPath([
      { kind: 'start', id: 1, method: 'POST', url: `${o}/auth/wechat`, atMs: 0 },
      { kind: 'end', id: 1, atMs: 3 },
      { kind: 'start', id: 2, method: 'GET', url: `${o}/posts`, atMs: 4 },
      { kind: 'end', id: 2, atMs: 5 },
    ]);
    expect(serial.rendered).toBe(false);
    expect(serial.feedSentBeforeLoginDone).toBe(false);
  });
});
