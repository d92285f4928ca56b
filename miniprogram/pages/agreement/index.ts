/** 用户协议与社区公约: static text, readable without any session. */
Component({
  methods: {},
});
