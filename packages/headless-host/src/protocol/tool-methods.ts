/** Tool.*: what DevTools itself answers: version, test accounts, native dialogs, closing. */
import { DEVTOOLS_ONLY, NotSupportedHeadless, ProtocolError } from './errors';
import type { HostContext, MethodHandler, Params } from './context';

type NativeAction = (context: HostContext, data: unknown) => Promise<void> | void;

function answerModal(context: HostContext, confirm: boolean): void {
  if (!context.wxFake.answerOpenModal({ confirm }))
    throw new ProtocolError(`Tool.native ${confirm ? 'confirmModal' : 'cancelModal'}: no wx.showModal dialog is open`);
}

const nativeActions: Record<string, NativeAction> = {
  confirmModal: (context) => answerModal(context, true),
  cancelModal: (context) => answerModal(context, false),
  // The navigation bar's back arrow, and its home button.
  navigateLeft: (context) => context.host.navigateBack(),
  goHome: (context) => context.host.reLaunch(`/${context.host.pages[0]}`),
  // A tap on the tab bar: data is the tab's page path.
  switchTab: (context, data) => {
    const url =
      typeof data === 'string' ? data : data !== null && typeof data === 'object' ? String((data as { url?: unknown }).url ?? '') : '';
    if (!url) throw new ProtocolError('Tool.native switchTab: give the tab page path');
    return context.host.switchTab(url.startsWith('/') ? url : `/${url}`);
  },
  authorizeAllow: () => {
    throw new ProtocolError(
      'Tool.native authorizeAllow: no wx.authorize dialog is open (the privacy popup is part of the page: tap its agree button)',
    );
  },
  authorizeCancel: () => {
    throw new ProtocolError(
      'Tool.native authorizeCancel: no wx.authorize dialog is open (the privacy popup is part of the page: tap its disagree button)',
    );
  },
};

export const toolMethods: Record<string, MethodHandler> = {
  'Tool.getInfo': (context) => ({ SDKVersion: context.sdkVersion, headless: true }),
  'Tool.getTestAccounts': (context) => ({
    accounts: context.testAccounts.map((account) => ({
      nickName: account.username,
      username: account.username,
      password: account.password ?? null,
      role: account.role,
    })),
  }),
  'Tool.native': async (context, params: Params) => {
    const method = String(params.method ?? '');
    const action = nativeActions[method];
    if (!action)
      throw new NotSupportedHeadless(
        `Tool.native ${method}`,
        'there is no native WeChat UI headless (payment, sharing and similar sheets)',
      );
    await action(context, params.data);
    await context.host.settle();
    return {};
  },
  'Tool.close': (context) => {
    context.requestClose();
    return {};
  },
  'Tool.stopAudits': () => {
    throw new NotSupportedHeadless('Tool.stopAudits (miniProgram.stopAudits)', DEVTOOLS_ONLY);
  },
  'Tool.enableRemoteDebug': () => {
    throw new NotSupportedHeadless('Tool.enableRemoteDebug (miniProgram.remote)', DEVTOOLS_ONLY);
  },
  'Tool.getTicket': () => {
    throw new NotSupportedHeadless('Tool.getTicket', DEVTOOLS_ONLY);
  },
  'Tool.setTicket': () => {
    throw new NotSupportedHeadless('Tool.setTicket', DEVTOOLS_ONLY);
  },
  'Tool.refreshTicket': () => {
    throw new NotSupportedHeadless('Tool.refreshTicket', DEVTOOLS_ONLY);
  },
};
