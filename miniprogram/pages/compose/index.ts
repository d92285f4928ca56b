/**
 * Writing a post: board, title, body and up to 9 images. Choosing images is a privacy API, so
 * the user is asked to agree first (the app's privacy popup); declining cancels with a word of
 * explanation. Each image is uploaded as soon as it is chosen. After submitting, the page shows
 * whether the post is published or waiting for review (审核中), then goes back.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { Board, PostDetail } from '../../../typings/api';
import type { GridImage } from '../../components/image-grid/index';
import { loadBoards, submitPost } from '../../services/forum.service';
import { uploadImage } from '../../services/media.service';
import { PrivacyDeclinedError, requireAuthorization } from '../../services/privacy.service';
import { userMessageOf } from '../../services/transport';
import { FORUM_PAGE, leavePage } from '../../routes';
import { forumStore, sessionStore } from '../../stores/index';
import type { WriteAccess } from '../../stores/session.store';
import { allowWrite } from '../../utils/write-gate';

export const MAX_IMAGES = 9;
export const TITLE_MAX = 60;
export const BODY_MAX = 2000;
/** How long the result stays on screen before going back. */
export const RESULT_DELAY_MS = 1500;

interface ComposeImage extends GridImage {
  /** Set once the upload finished. */
  mediaId: string;
}

interface ComposeResult {
  published: boolean;
  title: string;
  message: string;
}

let nextImageKey = 1;

/** The board a new post goes to by default: the general one, else the first. */
function defaultBoardIndex(boards: Board[]): number {
  const general = boards.findIndex((board) => board.slug === 'general');
  return general >= 0 ? general : 0;
}

export function resultOf(post: PostDetail): ComposeResult {
  if (post.status === 'published') return { published: true, title: '发布成功', message: '帖子已经发布，大家都能看到了' };
  if (post.status === 'rejected') return { published: false, title: '未通过审核', message: post.reviewMessage ?? '内容未通过审核' };
  return { published: false, title: '审核中', message: post.reviewMessage ?? '内容审核中，通过后其他人就能看到' };
}

ComponentWithStore({
  storeBindings: {
    store: forumStore,
    fields: {
      // A member is never offered a board the server would refuse them (staff-only 公告).
      boards: () => forumStore.boardsFor(sessionStore.isModerator),
      boardNames: () => forumStore.boardsFor(sessionStore.isModerator).map((board) => board.name),
      boardsError: () => forumStore.boardsError ?? '',
      writeAccess: () => sessionStore.writeAccess,
    },
    actions: {},
  },
  data: {
    boards: [] as Board[],
    boardNames: [] as string[],
    boardsError: '',
    boardsRetrying: false,
    boardIndex: 0,
    /** The user chose a board: boards arriving later do not move the picker. */
    boardPicked: false,
    writeAccess: 'needs_profile' as WriteAccess,
    title: '',
    body: '',
    images: [] as ComposeImage[],
    uploading: 0,
    submitting: false,
    result: null as ComposeResult | null,
    maxImages: MAX_IMAGES,
    titleMax: TITLE_MAX,
    bodyMax: BODY_MAX,
  },
  observers: {
    boards(boards: Board[]) {
      if (!this.data.boardPicked) this.setData({ boardIndex: defaultBoardIndex(boards) });
    },
  },
  methods: {
    onLoad() {
      if (forumStore.boards.length === 0) void loadBoards();
    },

    async onRetryBoards() {
      this.setData({ boardsRetrying: true });
      await loadBoards();
      this.setData({ boardsRetrying: false });
    },

    onBoardChange(event: WechatMiniprogram.PickerChange) {
      this.setData({ boardIndex: Number(event.detail.value), boardPicked: true });
    },

    onTitleInput(event: WechatMiniprogram.Input) {
      this.setData({ title: event.detail.value });
    },

    onBodyInput(event: WechatMiniprogram.Input) {
      this.setData({ body: event.detail.value });
    },

    // --- images -----------------------------------------------------------------------------

    async onAddImage() {
      const remaining = MAX_IMAGES - this.data.images.length;
      if (remaining <= 0) return;
      try {
        await requireAuthorization();
      } catch (error) {
        if (error instanceof PrivacyDeclinedError) {
          wx.showToast({ title: error.userMessage, icon: 'none' });
          return;
        }
        throw error;
      }
      let files: string[];
      try {
        const chosen = await wx.chooseMedia({
          count: remaining,
          mediaType: ['image'],
          sourceType: ['album', 'camera'],
          sizeType: ['compressed'],
        });
        files = chosen.tempFiles.map((file) => file.tempFilePath).slice(0, remaining);
      } catch {
        return; // cancelled
      }
      await Promise.all(files.map((filePath) => this.upload(filePath)));
    },

    async upload(filePath: string) {
      const key = `local-${nextImageKey++}`;
      const image: ComposeImage = { key, url: filePath, pending: true, mediaId: '' };
      this.setData({ [`images[${this.data.images.length}]`]: image, uploading: this.data.uploading + 1 });
      try {
        const media = await uploadImage(filePath, 'post_image');
        const index = this.data.images.findIndex((item) => item.key === key);
        if (index >= 0) this.setData({ [`images[${index}].mediaId`]: media.id, [`images[${index}].pending`]: false });
      } catch (error) {
        this.setData({ images: this.data.images.filter((item) => item.key !== key) });
        wx.showToast({ title: userMessageOf(error, '图片上传失败，请重试'), icon: 'none' });
      } finally {
        this.setData({ uploading: this.data.uploading - 1 });
      }
    },

    onRemoveImage(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const images = this.data.images.slice();
      images.splice(event.detail.index, 1);
      this.setData({ images });
    },

    // --- submit -----------------------------------------------------------------------------

    /** Why the post cannot be sent yet, or '' when it can. */
    validate(): string {
      if (this.data.boards.length === 0) return '版块加载中，请稍候';
      if (!this.data.title.trim()) return '请填写标题';
      if (this.data.title.trim().length > TITLE_MAX) return `标题最多 ${TITLE_MAX} 个字`;
      if (!this.data.body.trim()) return '请填写正文';
      if (this.data.body.trim().length > BODY_MAX) return `正文最多 ${BODY_MAX} 个字`;
      if (this.data.uploading > 0) return '图片还在上传，请稍候';
      return '';
    },

    async onSubmit() {
      if (this.data.submitting || this.data.result) return;
      if (!allowWrite(this.data.writeAccess, '发帖')) return;
      const problem = this.validate();
      if (problem) {
        wx.showToast({ title: problem, icon: 'none' });
        return;
      }
      const board = this.data.boards[this.data.boardIndex];
      if (!board) return;
      const mediaIds = this.data.images.map((image) => image.mediaId).filter((id) => id !== '');
      this.setData({ submitting: true });
      try {
        const post = await submitPost({
          boardId: board.id,
          title: this.data.title.trim(),
          body: this.data.body.trim(),
          ...(mediaIds.length > 0 ? { mediaIds } : {}),
        });
        const result = resultOf(post);
        this.setData({ submitting: false, result });
        wx.showToast({ title: result.title, icon: result.published ? 'success' : 'none' });
        setTimeout(() => this.leave(), RESULT_DELAY_MS);
      } catch (error) {
        this.setData({ submitting: false });
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      }
    },

    leave() {
      const pages = getCurrentPages();
      // The user may have left already (back, or a tab) while the result was showing.
      if (pages[pages.length - 1] !== (this as unknown)) return;
      leavePage(FORUM_PAGE);
    },
  },
});
