/**
 * Images in a three-column grid. Read-only in a post (tap to preview); editable in the composer
 * (remove, add up to `max`). Images that are not approved yet show as "审核中" placeholders.
 */
export interface GridImage {
  key: string;
  /** Absolute URL or a local temporary path; empty while the image is not viewable. */
  url: string;
  pending: boolean;
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    images: { type: Array, value: [] as GridImage[] },
    editable: { type: Boolean, value: false },
    max: { type: Number, value: 9 },
  },
  methods: {
    onPreview(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const images = this.data.images as GridImage[];
      const current = images[event.currentTarget.dataset.index];
      if (!current?.url || this.data.editable) return;
      this.triggerEvent('preview', { current: current.url, urls: images.filter((image) => image.url).map((image) => image.url) });
    },
    onRemove(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      this.triggerEvent('remove', { index: event.currentTarget.dataset.index });
    },
    onAdd() {
      this.triggerEvent('add', { remaining: this.data.max - (this.data.images as GridImage[]).length });
    },
  },
});
