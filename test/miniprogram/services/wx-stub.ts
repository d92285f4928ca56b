/**
 * A minimal, local `wx` for the store and service unit tests: records every wx.request /
 * wx.uploadFile and lets a test answer it (at once or later, to interleave concurrent calls),
 * keeps storage in a Map, hands out login codes and plays the base library's privacy flow.
 * The stateful wx fake for page tests lives in test/support/miniprogram; this one stays small.
 */
export interface StubRequest {
  kind: 'request' | 'upload';
  url: string;
  path: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
  timeout: number | undefined;
  formData: Record<string, string> | undefined;
  filePath: string | undefined;
  respond(statusCode: number, data?: unknown, header?: Record<string, string>): void;
  fail(errMsg: string): void;
}

export type RequestHandler = (request: StubRequest) => void;

export interface WxStub {
  requests: StubRequest[];
  /** Called for each request; leave it unanswered to answer later from the test. */
  handler: RequestHandler;
  storage: Map<string, unknown>;
  /** Each wx.login takes the next code; 'fail' makes it fail. */
  loginCodes: string[];
  loginCalls: number;
  privacyListeners: WechatMiniprogram.NeedPrivacyAuthorizationListener[];
  privacyResolutions: WechatMiniprogram.NeedPrivacyAuthorizationResolution[];
  privacyAgreed: boolean;
  /** Paths of requests sent so far, e.g. ['GET /posts', 'POST /auth/wechat']. */
  sent(): string[];
}

const BASE_URL = 'http://127.0.0.1:3000';

function headerRecord(header: WechatMiniprogram.IAnyObject | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(header ?? {})) if (typeof value === 'string') result[key] = value;
  return result;
}

export function installWxStub(): WxStub {
  const stub: WxStub = {
    requests: [],
    handler: () => undefined,
    storage: new Map(),
    loginCodes: [],
    loginCalls: 0,
    privacyListeners: [],
    privacyResolutions: [],
    privacyAgreed: false,
    sent() {
      return stub.requests.map((request) => `${request.method} ${request.path}`);
    },
  };

  function record(
    kind: StubRequest['kind'],
    fields: Omit<StubRequest, 'kind' | 'path' | 'respond' | 'fail'>,
    onSuccess: (statusCode: number, data: unknown, header: Record<string, string>) => void,
    onFail: (errMsg: string) => void,
  ): void {
    let settled = false;
    const request: StubRequest = {
      kind,
      ...fields,
      path: fields.url.startsWith(BASE_URL) ? (fields.url.slice(BASE_URL.length).split('?')[0] ?? '') : fields.url,
      respond(statusCode, data = '', header = {}) {
        if (settled) throw new Error(`${request.method} ${request.path} answered twice`);
        settled = true;
        onSuccess(statusCode, data, header);
      },
      fail(errMsg) {
        if (settled) throw new Error(`${request.method} ${request.path} answered twice`);
        settled = true;
        onFail(errMsg);
      },
    };
    stub.requests.push(request);
    stub.handler(request);
  }

  const wxStub = {
    request(option: WechatMiniprogram.RequestOption) {
      record(
        'request',
        {
          url: option.url,
          method: option.method ?? 'GET',
          data: option.data,
          header: headerRecord(option.header),
          timeout: option.timeout,
          formData: undefined,
          filePath: undefined,
        },
        (statusCode, data, header) =>
          option.success?.({
            statusCode,
            data: data as WechatMiniprogram.IAnyObject,
            header,
            cookies: [],
            errMsg: 'request:ok',
          } as unknown as WechatMiniprogram.RequestSuccessCallbackResult),
        (errMsg) => option.fail?.({ errMsg, errno: 0 } as unknown as WechatMiniprogram.RequestFailCallbackErr),
      );
      return {};
    },
    uploadFile(option: WechatMiniprogram.UploadFileOption) {
      const formData: Record<string, string> = {};
      for (const [key, value] of Object.entries(option.formData ?? {})) formData[key] = String(value);
      record(
        'upload',
        {
          url: option.url,
          method: 'POST',
          data: undefined,
          header: headerRecord(option.header),
          timeout: option.timeout,
          formData,
          filePath: option.filePath,
        },
        (statusCode, data) =>
          option.success?.({
            statusCode,
            data: typeof data === 'string' ? data : JSON.stringify(data),
            errMsg: 'uploadFile:ok',
          } as unknown as WechatMiniprogram.UploadFileSuccessCallbackResult),
        (errMsg) => option.fail?.({ errMsg }),
      );
      return {};
    },
    login(option: WechatMiniprogram.LoginOption) {
      stub.loginCalls += 1;
      const code = stub.loginCodes.shift() ?? `code-${stub.loginCalls}`;
      if (code === 'fail') option.fail?.({ errMsg: 'login:fail', errno: 0 });
      else option.success?.({ code, errMsg: 'login:ok' });
    },
    getStorageSync(key: string): unknown {
      return stub.storage.has(key) ? structuredCloneJson(stub.storage.get(key)) : '';
    },
    setStorageSync(key: string, value: unknown) {
      stub.storage.set(key, structuredCloneJson(value));
    },
    removeStorageSync(key: string) {
      stub.storage.delete(key);
    },
    onNeedPrivacyAuthorization(listener: WechatMiniprogram.NeedPrivacyAuthorizationListener) {
      stub.privacyListeners.push(listener);
    },
    /** Like the base library: at once when agreed, else through the last registered listener. */
    requirePrivacyAuthorize(option: WechatMiniprogram.RequirePrivacyAuthorizeOption) {
      if (stub.privacyAgreed) {
        option.success?.({ errMsg: 'requirePrivacyAuthorize:ok' });
        return;
      }
      const listener = stub.privacyListeners[stub.privacyListeners.length - 1];
      if (!listener) {
        option.fail?.({ errMsg: 'requirePrivacyAuthorize:fail no listener in this stub' });
        return;
      }
      listener(
        (resolution) => {
          stub.privacyResolutions.push(resolution);
          if (resolution.event === 'agree') {
            stub.privacyAgreed = true;
            option.success?.({ errMsg: 'requirePrivacyAuthorize:ok' });
          } else if (resolution.event === 'disagree') {
            option.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
          }
        },
        { referrer: 'requirePrivacyAuthorize' },
      );
    },
    openPrivacyContract(option: WechatMiniprogram.OpenPrivacyContractOption) {
      option.success?.({ errMsg: 'openPrivacyContract:ok' });
    },
  };

  (globalThis as unknown as { wx: unknown }).wx = wxStub;
  return stub;
}

/** Storage keeps JSON, like the real one: what comes back is a copy. */
function structuredCloneJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Answers requests by "METHOD /path" from a table; anything else gets 404. */
export function routes(table: Record<string, (request: StubRequest) => void>): RequestHandler {
  return (request) => {
    const route = table[`${request.method} ${request.path}`];
    if (route) route(request);
    else request.respond(404, { code: 'route_not_found', message: '页面不存在' });
  };
}

/** Lets pending promise callbacks and zero-delay timers run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
