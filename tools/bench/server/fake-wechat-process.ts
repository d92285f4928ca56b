/**
 * Child process of the server bench: the fake WeChat on its own core, so the app's process pays
 * only for calling msgSecCheck, as it would against the real one.
 */
import { startFakeWeChat } from '../../../server/src/dev/fake-wechat';

startFakeWeChat({ host: '127.0.0.1', port: 0, appId: 'wxbench0000000000', appSecret: 'bench-app-secret-value' }).then(
  (fake) => {
    process.on('message', (message) => {
      if (message === 'stop') fake.close().finally(() => process.exit(0));
    });
    process.send?.({ url: fake.url });
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
