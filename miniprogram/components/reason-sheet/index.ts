/**
 * The confirmation a moderator answers before rejecting, removing or banning: the action's title,
 * a short list of reasons (the contract's MODERATION_REASON_PRESETS) and free text; confirming
 * sends the reason chosen or typed. The page decides what the confirmation does.
 */
import { MODERATION_REASON_PRESETS, type ModerationReasonKind } from '../../data/contract-labels';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    show: { type: Boolean, value: false },
    /** Which list to offer: reject, rejectImage, remove or ban. */
    kind: { type: String, value: 'reject' },
    title: { type: String, value: '' },
    confirmText: { type: String, value: '确定' },
    submitting: { type: Boolean, value: false },
  },
  data: { presets: [] as string[], selected: -1, custom: '', reason: '' },
  observers: {
    'show, kind'(show: boolean, kind: string) {
      if (!show) return;
      const presets = [...(MODERATION_REASON_PRESETS[kind as ModerationReasonKind] ?? MODERATION_REASON_PRESETS.reject)];
      this.setData({ presets, selected: -1, custom: '', reason: '' });
    },
  },
  methods: {
    onPick(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      const selected = Number(event.currentTarget.dataset.index);
      this.setData({ selected, custom: '', reason: this.data.presets[selected] ?? '' });
    },
    onCustomInput(event: WechatMiniprogram.Input) {
      const custom = event.detail.value;
      this.setData({ custom, selected: -1, reason: custom.trim() });
    },
    onConfirm() {
      if (this.data.reason && !this.data.submitting) this.triggerEvent('confirm', { reason: this.data.reason.slice(0, 100) });
    },
    onClose() {
      this.triggerEvent('close');
    },
    noop() {},
  },
});
