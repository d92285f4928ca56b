/**
 * A precompiled query returns what the same query built afresh returns, for any parameters, on
 * both databases; it is compiled once per database handle, not per call.
 */
import { precompiled, type Param } from '../../../server/src/db/precompiled';
import { openTestDatabase, type TestDatabase } from '../../support/server/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase({ shared: true });
  const db = database.handle.db;
  for (const [i, key] of ['alpha', 'beta', 'gamma', 'delta'].entries())
    await db
      .insertInto('app_meta')
      .values({ key: `precompiled-${key}`, value: String(i) })
      .execute();
});
afterAll(() => database.drop());

const build = (key: string, take: number) =>
  database.handle.db
    .selectFrom('app_meta')
    .select(['key', 'value'])
    .where('key', '>', key)
    .where('key', 'like', 'precompiled-%')
    .orderBy('key')
    .limit(take);

it('gives the same rows as the builder for different parameters, limits included', async () => {
  const query = precompiled((db, p: Param<{ after: string; take: number }>) =>
    db
      .selectFrom('app_meta')
      .select(['key', 'value'])
      .where('key', '>', p('after'))
      .where('key', 'like', 'precompiled-%')
      .orderBy('key')
      .limit(p('take')),
  );
  for (const [after, take] of [
    ['', 10],
    ['precompiled-beta', 1],
    ['precompiled-beta', 2],
    ['precompiled-zzz', 5],
  ] as const) {
    const expected = await build(after, take).execute();
    expect(await query.all(database.handle.db, { after, take })).toEqual(expected);
  }
  expect(await query.first(database.handle.db, { after: 'precompiled-alpha', take: 3 })).toEqual({ key: 'precompiled-beta', value: '1' });
  expect(await query.first(database.handle.db, { after: 'precompiled-zzz', take: 3 })).toBeUndefined();
});

it('builds and compiles once per database handle', async () => {
  const builds = jest.fn((db: Parameters<Parameters<typeof precompiled>[0]>[0], p: Param<{ key: string }>) =>
    db.selectFrom('app_meta').select('value').where('key', '=', p('key')),
  );
  const query = precompiled(builds);
  expect(await query.first(database.handle.db, { key: 'precompiled-gamma' })).toEqual({ value: '2' });
  expect(await query.first(database.handle.db, { key: 'precompiled-delta' })).toEqual({ value: '3' });
  expect(builds).toHaveBeenCalledTimes(1);
  const other = database.openAnotherHandle();
  expect(await query.first(other.db, { key: 'precompiled-alpha' })).toEqual({ value: '0' });
  expect(builds).toHaveBeenCalledTimes(2);
});
