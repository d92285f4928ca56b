/**
 * `wx.cloud` offline: WeChat's cloud development (云开发) lives on Tencent's servers, which a
 * headless run cannot reach. `init` succeeds (apps call it in onLaunch) and every call that would
 * reach the cloud fails with an errMsg saying so, through callbacks or the promise, like a real
 * failure. A spec answers a cloud function the DevTools way:
 * `miniProgram.mockWxMethod('cloud.callFunction', { result: { … } })` (any `cloud.*` method).
 * `database()` hands out chainable collections whose reads and writes fail the same way.
 */
import { fail, optionsOf } from './helpers';
import type { SettleApi } from './settle-tracking';
import type { ApiTable, WxOptions } from './types';

export const CLOUD_OFFLINE = 'WeChat cloud (wx.cloud) is offline in the headless host: mock it with mockWxMethod("cloud.<method>", result)';

const CALLS = ['callFunction', 'callContainer', 'uploadFile', 'downloadFile', 'getTempFileURL', 'deleteFile'];
const QUERY_STEPS = [
  'where',
  'orderBy',
  'limit',
  'skip',
  'field',
  'doc',
  'aggregate',
  'match',
  'group',
  'project',
  'sort',
  'lookup',
  'unwind',
];
const QUERY_ENDS = ['get', 'add', 'update', 'set', 'remove', 'count', 'end', 'watch'];

export function createCloud(settleApi: SettleApi): { cloud: ApiTable; initialized: () => WxOptions | undefined } {
  let initOptions: WxOptions | undefined;
  const offline = (name: string) => (raw?: unknown) => {
    const opts = optionsOf(raw);
    return settleApi(`cloud.${name}`, opts, async () => {
      throw fail(`cloud.${name}:fail ${CLOUD_OFFLINE}`);
    });
  };
  const query = (collection: string): Record<string, unknown> => {
    const chain: Record<string, unknown> = {};
    for (const step of QUERY_STEPS) chain[step] = () => chain;
    for (const end of QUERY_ENDS) chain[end] = offline(`database.collection("${collection}").${end}`);
    return chain;
  };
  const database = () => ({
    collection: (name: unknown) => query(String(name)),
    command: new Proxy(
      {},
      {
        get:
          () =>
          (...args: unknown[]) => ({ $command: args }),
      },
    ),
    serverDate: () => ({ $date: 'serverDate' }),
    RegExp: (options: unknown) => options,
    Geo: {},
  });
  const cloud: ApiTable = {
    init(raw) {
      initOptions = optionsOf(raw);
    },
    database,
    ...Object.fromEntries(CALLS.map((name) => [name, offline(name)])),
  };
  // `new wx.cloud.Cloud({ resourceEnv })` (cross-account use) answers the same way.
  cloud.Cloud = function Cloud() {
    return { ...cloud };
  } as unknown as (...args: unknown[]) => unknown;
  return { cloud, initialized: () => initOptions };
}
