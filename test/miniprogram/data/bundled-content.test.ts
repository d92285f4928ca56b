/**
 * @jest-environment node
 *
 * The offline fallback ships a copy of the seeded welcome and rules (the mini program cannot
 * import server files); this keeps the copy from drifting when a fork edits the seed.
 */
import { seedPosts } from '../../../server/src/dev/seed/content';
import { bundledRules, bundledWelcome } from '../../../miniprogram/data/bundled-content';

it.each([bundledWelcome, bundledRules])('bundled "$key" matches the seeded post', (article) => {
  const seeded = seedPosts.find((post) => post.key === article.key);
  expect(seeded).toBeDefined();
  expect({ title: article.title, body: article.body }).toEqual({ title: seeded!.title, body: seeded!.body });
});
