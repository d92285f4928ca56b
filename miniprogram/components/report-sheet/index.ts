/** The sheet for reporting a post or comment: pick a reason, submit; the page sends it. */
const REASONS = [
  { value: 'spam', label: '垃圾广告' },
  { value: 'abuse', label: '辱骂攻击' },
  { value: 'porn', label: '色情低俗' },
  { value: 'illegal', label: '违法违规' },
  { value: 'fraud', label: '诈骗信息' },
  { value: 'privacy', label: '泄露隐私' },
  { value: 'other', label: '其他' },
] as const;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    show: { type: Boolean, value: false },
    submitting: { type: Boolean, value: false },
  },
  data: { reasons: REASONS, selected: '' },
  observers: {
    show(show: boolean) {
      if (show) this.setData({ selected: '' });
    },
  },
  methods: {
    onPick(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value: string }>) {
      this.setData({ selected: event.currentTarget.dataset.value });
    },
    onSubmit() {
      if (this.data.selected && !this.data.submitting) this.triggerEvent('submit', { reason: this.data.selected });
    },
    onClose() {
      this.triggerEvent('close');
    },
    noop() {},
  },
});
