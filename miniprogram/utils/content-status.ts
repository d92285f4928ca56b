/** Short labels for content that is not public yet; shown to its author only. */
import type { ContentStatus } from '../../typings/api';

const LABELS: Record<ContentStatus, string> = {
  published: '',
  checking: '检测中',
  held: '审核中',
  rejected: '未通过审核',
};

export function statusLabel(status: ContentStatus): string {
  return LABELS[status];
}
