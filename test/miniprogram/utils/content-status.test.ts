/**
 * @jest-environment node
 *
 * The author sees a state's label beside the server's review message: the message must not
 * repeat the label (「审核中 审核中，通过后其他人可见」 read doubled).
 */
import { statusLabel } from '../../../miniprogram/utils/content-status';
import { reviewMessage } from '../../../server/src/modules/forum/forum.presenter';

it.each(['checking', 'held', 'rejected'] as const)('%s: label and review message say different things', (status) => {
  const label = statusLabel(status);
  const message = reviewMessage(status, null) ?? '';
  expect(label).not.toBe('');
  expect(message).not.toBe('');
  expect(message).not.toContain(label);
  expect(message).not.toContain(label.replace(/中$/, ''));
});
