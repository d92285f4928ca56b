/** A friendly empty list: says what is missing and, when given an action, what to do next. */
Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    title: { type: String, value: '这里还没有内容' },
    description: { type: String, value: '' },
    actionText: { type: String, value: '' },
  },
  methods: {
    onAction() {
      this.triggerEvent('action');
    },
  },
});
