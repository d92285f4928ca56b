/** Navigation APIs: the app host owns the page stack and plugs itself in as the navigator. */
import { fail, messageOf, optionsOf } from './helpers';
import type { SettleApi } from './settle-tracking';
import type { ApiTable, NavigationKind, WxNavigator } from './types';

const KINDS: readonly NavigationKind[] = ['navigateTo', 'redirectTo', 'navigateBack', 'reLaunch', 'switchTab'];

export function createNavigation(settleApi: SettleApi, navigator: () => WxNavigator | undefined): ApiTable {
  const apis: ApiTable = {
    startPullDownRefresh(raw) {
      return settleApi('startPullDownRefresh', optionsOf(raw), async () => {
        const current = navigator();
        if (!current) throw fail('startPullDownRefresh:fail no app host');
        await current.startPullDownRefresh();
        return {};
      });
    },
  };
  for (const kind of KINDS) {
    apis[kind] = (raw: unknown) => {
      const opts = optionsOf(raw);
      return settleApi(kind, opts, async () => {
        const current = navigator();
        if (!current) throw fail(`${kind}:fail no app host`);
        try {
          await current.navigate(kind, opts);
        } catch (error: unknown) {
          throw fail(`${kind}:fail ${messageOf(error)}`);
        }
        return {};
      });
    };
  }
  return apis;
}
