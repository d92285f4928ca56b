/**
 * The sheet for reporting a post or comment: pick a reason, submit; the page sends it. The reasons
 * and their labels are the contract's (REPORT_REASON_LABELS), the same the moderators read.
 */
import { REPORT_REASONS } from '../../data/contract-labels';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    show: { type: Boolean, value: false },
    submitting: { type: Boolean, value: false },
  },
  data: { reasons: REPORT_REASONS, selected: '' },
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
