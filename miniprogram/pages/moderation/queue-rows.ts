/**
 * How each moderation list reads on the page: one row per item, with the labels of the contract
 * (report reasons, audit-log actions) and the images a moderator must see before deciding.
 * Pure mapping; the page loads the lists and downloads the images.
 */
import type { ModerationQueueItems, ModerationQueue } from '../../services/moderation.service';
import { MODERATION_ACTION_LABELS, REPORT_REASON_LABELS } from '../../data/contract-labels';

export interface RowImage {
  key: string;
  mediaId: string;
  /** The downloaded temp path; '' until it arrives, and when it could not be loaded. */
  src: string;
  failed: boolean;
}

export interface QueueRow {
  key: string;
  id: string;
  title: string;
  text: string;
  meta: string;
  /** Whose content it is (0 when unknown, e.g. deleted content): the one a ban would hit. */
  authorId: number;
  images: RowImage[];
}

const who = (user: { id: number; nickname: string | null }) => user.nickname ?? `用户 ${user.id}`;
const image = (mediaId: string): RowImage => ({ key: mediaId, mediaId, src: '', failed: false });
const waiting = (automatic: boolean) => (automatic ? '等待自动检测' : '待人工审核');
const date = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function reportReasonLabel(code: string): string {
  return REPORT_REASON_LABELS[code] ?? REPORT_REASON_LABELS.other;
}

type Mapper<Q extends ModerationQueue> = (item: ModerationQueueItems[Q]) => QueueRow;

const mappers: { [Q in ModerationQueue]: Mapper<Q> } = {
  posts: (p) => ({
    key: `post-${p.id}`,
    id: String(p.id),
    title: p.title,
    text: p.body,
    meta: `${who(p.author)} · ${waiting(p.awaitingAutomaticCheck)}`,
    authorId: p.author.id,
    images: p.images.map((i) => image(i.id)),
  }),
  comments: (c) => ({
    key: `comment-${c.id}`,
    id: String(c.id),
    title: `评论于「${c.postTitle}」`,
    text: c.body,
    meta: who(c.author),
    authorId: c.author.id,
    images: [],
  }),
  media: (m) => ({
    key: `media-${m.id}`,
    id: m.id,
    title: m.purpose === 'avatar' ? '头像' : '帖子图片',
    text: `${m.width}×${m.height} · ${Math.ceil(m.byteSize / 1024)} KB`,
    meta: `${who(m.owner)} · ${waiting(m.awaitingWeChat)}`,
    authorId: m.owner.id,
    images: [image(m.id)],
  }),
  reports: (r) => ({
    key: `report-${r.id}`,
    id: String(r.id),
    title: `举报${r.targetType === 'post' ? '帖子' : '评论'}：${reportReasonLabel(r.reason)}`,
    text: r.target ? r.target.excerpt : '内容已被删除',
    meta: [`举报人 ${who(r.reporter)}`, r.target ? `作者 ${who(r.target.author)}` : '', r.detail ?? ''].filter(Boolean).join(' · '),
    authorId: r.target?.author.id ?? 0,
    images: [],
  }),
  nicknames: (n) => ({
    key: `nickname-${n.userId}`,
    id: String(n.userId),
    title: `新昵称「${n.pendingNickname}」`,
    text: n.nickname ? `当前昵称：${n.nickname}` : '还没有通过审核的昵称',
    meta: `提交于 ${date(n.requestedAt)}`,
    authorId: n.userId,
    images: [],
  }),
  bans: (b) => ({
    key: `ban-${b.user.id}`,
    id: String(b.user.id),
    title: who(b.user),
    text: b.reason ? `原因：${b.reason}` : '未填写原因',
    meta: `禁言于 ${date(b.bannedAt)}`,
    authorId: b.user.id,
    images: [],
  }),
  actions: (a) => ({
    key: `action-${a.id}`,
    id: String(a.id),
    title: `${MODERATION_ACTION_LABELS[a.action] ?? a.action} · ${a.targetType} ${a.targetId}`,
    text: a.reason ?? '',
    meta: `${who(a.moderator)} · ${date(a.createdAt)}`,
    authorId: 0,
    images: [],
  }),
};

export function toRows<Q extends ModerationQueue>(queue: Q, items: ModerationQueueItems[Q][]): QueueRow[] {
  const map = mappers[queue] as Mapper<Q>;
  return items.map((item) => map(item));
}
