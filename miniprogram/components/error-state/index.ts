/**
 * Shown when loading failed: the reason in plain words and a retry button. Pages put bundled
 * content in its slot (welcome and rules) so a reviewer offline never sees an empty screen.
 */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    message: { type: String, value: '网络不太稳定，请稍后重试' },
    retrying: { type: Boolean, value: false },
  },
  methods: {
    onRetry() {
      if (!this.data.retrying) this.triggerEvent('retry');
    },
  },
});
