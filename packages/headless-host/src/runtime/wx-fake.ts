/**
 * A stateful `wx` for headless mini program tests, with WeChat's semantics where they matter:
 * real HTTP for request/uploadFile (success for every status, fail only on network errors),
 * fresh login codes from the fake WeChat, Map-backed storage, recorded UI with scripted modal
 * answers, privacy APIs behaving like a first-time user, and APIs the template must not use
 * (getUserProfile, getPhoneNumber, location…) throwing. Every call is logged.
 *
 * Install it with `installWxFake()` BEFORE miniprogram-simulate is required (simulate copies
 * `global.wx` over its canned stubs); the app host then wires navigation to its page stack.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';

export type WxOptions = Record<string, unknown>;
export interface WxCall {
  name: string;
  args: unknown[];
}
export interface WxError {
  errMsg: string;
  errno?: number;
}
export interface TempFile {
  data: Buffer;
  /** MIME type sent by uploadFile; default from the extension. */
  contentType?: string;
}
export interface ChosenMedia {
  /** Bytes of the file; registered as a temp file. */
  data: Buffer;
  ext?: string;
  fileType?: 'image' | 'video';
  width?: number;
  height?: number;
}
export interface ModalAnswer {
  confirm: boolean;
  /** For `editable` modals. */
  content?: string;
}
export type NavigationKind = 'navigateTo' | 'redirectTo' | 'navigateBack' | 'reLaunch' | 'switchTab';
/** Implemented by the app host: performs the navigation or throws an Error whose message is the errMsg tail. */
export interface WxNavigator {
  navigate(kind: NavigationKind, options: WxOptions): Promise<void>;
  startPullDownRefresh(): Promise<void>;
}
type PrivacyEvent = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId?: string } | { event: 'disagree' };
type PrivacyListener = (resolve: (result: PrivacyEvent) => void, eventInfo: { referrer: string }) => void;

export interface WxFakeOptions {
  /** The fake WeChat's base URL (`fake.url`), for `wx.login`. */
  fakeWeChatUrl?: string;
  /** `{ 'http://127.0.0.1:3000': testApp.baseUrl }`: requests to a key's origin go to its value. */
  rewriteOrigins?: Record<string, string>;
  /** The WeChat user `wx.login` logs in as; default a fresh openid per fake. */
  openid?: string;
  privacyContractName?: string;
  /** Answer for a showModal with nothing scripted (default: cancel). */
  defaultModalAnswer?: ModalAnswer;
  /**
   * A showModal with nothing scripted stays open until answerOpenModal() (the automator host's
   * Tool.native confirmModal/cancelModal), instead of taking defaultModalAnswer at once.
   */
  modalsWaitForUser?: boolean;
  /** After a refusal WeChat fails privacy APIs without asking for 10 s; hosts may shorten it. */
  privacyRefusalWindowMs?: number;
}

export interface WxFake {
  /** The object installed on global.wx. */
  readonly wx: Record<string, unknown>;
  readonly calls: WxCall[];
  callsTo(name: string): unknown[][];
  /** URLs (after rewriting) and methods of every wx.request, in order. */
  readonly requests: { method: string; url: string; statusCode?: number; error?: string }[];
  readonly storage: Map<string, unknown>;
  readonly toasts: WxOptions[];
  readonly modals: WxOptions[];
  /** Whether a showLoading is currently displayed. */
  readonly loadingShown: boolean;
  /** The answer the next showModal gets (queue). */
  answerNextModal(answer: ModalAnswer): void;
  /** With modalsWaitForUser: how many modals are open, and answering the oldest (false if none). */
  readonly openModals: number;
  answerOpenModal(answer: ModalAnswer): boolean;
  /** Registers a temp file path (as chooseMedia/chooseAvatar would create) and returns it. */
  registerTempFile(file: TempFile, ext?: string): string;
  /** The next chooseMedia gets these files; `'cancel'` makes it fail as a user cancelling would. */
  enqueueMedia(result: ChosenMedia[] | 'cancel'): void;
  /** Who the next wx.login logs in as. */
  setOpenid(openid: string): void;
  readonly openid: string;
  configure(options: WxFakeOptions): void;
  readonly privacy: {
    readonly agreed: boolean;
    /** Pending privacy requests waiting on the app's listener (or the official popup). */
    readonly pending: number;
    readonly exposures: number;
    readonly contractOpened: number;
    /** Problems the fake saw in the app's privacy handling (e.g. agree without a tapped button). */
    readonly violations: string[];
    /** Called by the host when `<button open-type="agreePrivacyAuthorization">` is tapped. */
    recordAgreeTap(buttonId: string): void;
    /** Without an app listener, WeChat shows its own popup: answer it. */
    answerOfficialPopup(event: 'agree' | 'disagree'): void;
    /** Forget the 10-second refusal window (after a disagree, privacy APIs fail without asking). */
    forgetRefusal(): void;
    /** Back to a first-time user. */
    reset(): void;
  };
  /** Host wiring. */
  setNavigator(navigator: WxNavigator | undefined): void;
  /** Names of the in-flight operations (requests, uploads, logins, nextTicks, tracked timers). */
  readonly inFlight: string[];
  /** Used by the host to count mini program timers as pending work. */
  track<T>(label: string, work: Promise<T>): Promise<T>;
  beginWork(label: string): () => void;
  /** Fills in simulate's stubs for APIs this fake does not implement (calls to them are logged as `unfaked:`). */
  adoptFallback(stubs: Record<string, unknown>): void;
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', mp4: 'video/mp4' };
const REFUSAL_WINDOW_MS = 10_000;
const FORBIDDEN = [
  'getUserProfile',
  'getUserInfo',
  'getPhoneNumber',
  'getLocation',
  'getFuzzyLocation',
  'chooseLocation',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'onLocationChange',
];

function isRecord(value: unknown): value is WxOptions {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}
function callback(options: WxOptions, name: 'success' | 'fail' | 'complete'): ((result: unknown) => void) | undefined {
  const fn = options[name];
  return typeof fn === 'function' ? (result: unknown) => (fn as (r: unknown) => void)(result) : undefined;
}

function toQuery(data: unknown): string {
  if (!isRecord(data)) return '';
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

interface HttpResult {
  statusCode: number;
  header: Record<string, string>;
  body: Buffer;
}

/** One HTTP exchange over node:http (independent of the DOM environment's fetch). */
function httpExchange(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
  onAbort: (abort: () => void) => void,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers });
    const timer = setTimeout(() => request.destroy(new Error('timeout')), timeoutMs);
    onAbort(() => request.destroy(new Error('abort')));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        const header: Record<string, string> = {};
        for (const [key, value] of Object.entries(response.headers)) {
          if (value !== undefined) header[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ statusCode: response.statusCode ?? 0, header, body: Buffer.concat(chunks) });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

export function createWxFake(initial: WxFakeOptions = {}): WxFake {
  let options: WxFakeOptions = { ...initial };
  let openid = initial.openid ?? `o_test_${randomBytes(6).toString('hex')}`;
  let navigator: WxNavigator | undefined;
  let fallback: Record<string, unknown> = {};
  const calls: WxCall[] = [];
  const requests: WxFake['requests'] = [];
  const storage = new Map<string, unknown>();
  const tempFiles = new Map<string, TempFile>();
  const toasts: WxOptions[] = [];
  const modals: WxOptions[] = [];
  const modalAnswers: ModalAnswer[] = [];
  const openModals: ((answer: ModalAnswer) => void)[] = [];
  const mediaQueue: (ChosenMedia[] | 'cancel')[] = [];
  const work = new Map<number, string>();
  let workSeq = 0;
  let loadingShown = false;
  let loggedIn = false;

  const beginWork = (label: string): (() => void) => {
    const id = ++workSeq;
    work.set(id, label);
    return () => {
      work.delete(id);
    };
  };
  const track = <T>(label: string, promise: Promise<T>): Promise<T> => {
    const done = beginWork(label);
    return promise.finally(done);
  };

  /**
   * Runs callbacks asynchronously, as WeChat does; without callbacks returns a promise (promisified
   * APIs). The call counts as in-flight work for settle(), except while it waits on the user
   * (`waitForUser`, e.g. a privacy popup).
   */
  function settleApi(name: string, opts: WxOptions, run: (waitForUser: <T>(p: Promise<T>) => Promise<T>) => Promise<WxOptions>): Promise<WxOptions> | undefined {
    const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof opts[key] === 'function');
    let done = beginWork(name);
    const waitForUser = <T>(p: Promise<T>): Promise<T> => {
      done();
      return p.finally(() => {
        done = beginWork(name);
      });
    };
    const delivered = run(waitForUser)
      .then(
        (result) => ({ ok: true as const, result: { errMsg: `${name}:ok`, ...result } }),
        (error: unknown) => ({
          ok: false as const,
          result: isRecord(error) && typeof error.errMsg === 'string' ? (error as WxOptions) : { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` },
        }),
      )
      .then((o) => {
        try {
          if (o.ok) callback(opts, 'success')?.(o.result);
          else callback(opts, 'fail')?.(o.result);
          callback(opts, 'complete')?.(o.result);
        } finally {
          done();
        }
        return o;
      });
    if (hasCallbacks) return undefined;
    return delivered.then((o) => (o.ok ? o.result : Promise.reject(o.result)));
  }
  const fail = (errMsg: string, errno?: number): WxError => (errno === undefined ? { errMsg } : { errMsg, errno });

  function rewrite(url: string): string {
    for (const [from, to] of Object.entries(options.rewriteOrigins ?? {})) {
      if (url === from || url.startsWith(`${from}/`) || url.startsWith(`${from}?`)) return to.replace(/\/$/, '') + url.slice(from.length);
    }
    return url;
  }

  function readFile(filePath: string): TempFile {
    const temp = tempFiles.get(filePath);
    if (temp) return temp;
    if (fs.existsSync(filePath)) return { data: fs.readFileSync(filePath) };
    throw new Error(`file not found: ${filePath}`);
  }

  // Privacy ---------------------------------------------------------------------------------
  let agreed = false;
  let refusedAt = -Infinity;
  let privacyListener: PrivacyListener | undefined;
  const agreeTaps = new Set<string>();
  const violations: string[] = [];
  let exposures = 0;
  let contractOpened = 0;
  interface PendingPrivacy {
    api: string;
    resolve: () => void;
    reject: (error: WxError) => void;
  }
  let pendingPrivacy: PendingPrivacy[] = [];

  function settlePrivacy(outcome: 'agree' | 'disagree', reason?: string): void {
    const pending = pendingPrivacy;
    pendingPrivacy = [];
    for (const request of pending) {
      if (outcome === 'agree') request.resolve();
      else request.reject(fail(`${request.api}:fail ${reason ?? 'privacy permission is not authorized'}`, 104));
    }
  }

  /** What a privacy API does before running: passes once agreed, else asks the app's listener. */
  function requirePrivacy(api: string): Promise<void> {
    if (agreed) return Promise.resolve();
    if (Date.now() - refusedAt < (options.privacyRefusalWindowMs ?? REFUSAL_WINDOW_MS)) return Promise.reject(fail(`${api}:fail privacy permission is not authorized`, 104));
    return new Promise<void>((resolve, reject) => {
      pendingPrivacy.push({ api, resolve, reject });
      if (pendingPrivacy.length > 1) return; // the listener is asked once for concurrent calls
      const listener = privacyListener;
      if (!listener) return; // WeChat's own popup: the test answers with answerOfficialPopup()
      let answered = false;
      listener((result) => {
        if (!isRecord(result)) {
          violations.push(`resolve() called with ${JSON.stringify(result)}`);
          return;
        }
        if (result.event === 'exposureAuthorization') {
          exposures += 1;
          return;
        }
        if (answered) {
          violations.push(`resolve({event:'${String(result.event)}'}) called twice for one request`);
          return;
        }
        if (result.event === 'agree') {
          const buttonId = str(result.buttonId);
          if (!agreeTaps.has(buttonId)) {
            answered = true;
            violations.push(`resolve({event:'agree', buttonId:'${buttonId}'}) without a tap on that agreePrivacyAuthorization button`);
            settlePrivacy('disagree', `privacy agree not allowed: button "${buttonId}" was not tapped`);
            return;
          }
          answered = true;
          agreed = true;
          settlePrivacy('agree');
        } else if (result.event === 'disagree') {
          answered = true;
          refusedAt = Date.now();
          settlePrivacy('disagree');
        } else {
          violations.push(`resolve() with unknown event ${JSON.stringify((result as { event?: unknown }).event)}`);
        }
      }, { referrer: api });
    });
  }

  const privacy: WxFake['privacy'] = {
    get agreed() {
      return agreed;
    },
    get pending() {
      return pendingPrivacy.length;
    },
    get exposures() {
      return exposures;
    },
    get contractOpened() {
      return contractOpened;
    },
    violations,
    recordAgreeTap(buttonId) {
      agreeTaps.add(buttonId);
      // The agree button itself grants authorization; resolve() tells pending calls.
      agreed = true;
    },
    answerOfficialPopup(event) {
      if (privacyListener) throw new Error('the app registered onNeedPrivacyAuthorization: WeChat shows no official popup');
      if (event === 'agree') agreed = true;
      else refusedAt = Date.now();
      settlePrivacy(event);
    },
    forgetRefusal() {
      refusedAt = -Infinity;
    },
    reset() {
      agreed = false;
      refusedAt = -Infinity;
      agreeTaps.clear();
      pendingPrivacy = [];
      exposures = 0;
    },
  };

  // The API surface -------------------------------------------------------------------------
  const api: Record<string, (...args: unknown[]) => unknown> = {
    request(raw) {
      const opts = isRecord(raw) ? raw : {};
      const method = str(opts.method, 'GET').toUpperCase();
      const header: Record<string, string> = {};
      for (const [k, v] of Object.entries(isRecord(opts.header) ? opts.header : {})) header[k.toLowerCase()] = String(v);
      header['content-type'] ??= 'application/json';
      let url = rewrite(str(opts.url));
      let body: Buffer | undefined;
      const data = opts.data;
      if (method === 'GET' || method === 'HEAD') {
        const query = typeof data === 'string' ? data : toQuery(data);
        if (query) url += (url.includes('?') ? '&' : '?') + query;
      } else if (data !== undefined) {
        if (typeof data === 'string') body = Buffer.from(data);
        else if (data instanceof ArrayBuffer) body = Buffer.from(data);
        else if (header['content-type'].includes('x-www-form-urlencoded')) body = Buffer.from(toQuery(data));
        else body = Buffer.from(JSON.stringify(data));
      }
      const record: WxFake['requests'][number] = { method, url };
      requests.push(record);
      let abort: () => void = () => undefined;
      let aborted = false;
      settleApi('request', { success: opts.success, fail: opts.fail, complete: opts.complete }, async () => {
        try {
          const result = await httpExchange(method, url, header, body, typeof opts.timeout === 'number' ? opts.timeout : 60_000, (a) => {
            abort = a;
            if (aborted) a();
          });
          record.statusCode = result.statusCode;
          let responseData: unknown;
          if (opts.responseType === 'arraybuffer') {
            responseData = result.body.buffer.slice(result.body.byteOffset, result.body.byteOffset + result.body.byteLength);
          } else {
            responseData = result.body.toString('utf8');
            if (str(opts.dataType, 'json') === 'json') {
              try {
                responseData = JSON.parse(responseData as string);
              } catch {
                // WeChat hands back the text when it is not JSON
              }
            }
          }
          return { data: responseData, statusCode: result.statusCode, header: result.header, cookies: [] };
        } catch (error: unknown) {
          const message = error instanceof Error ? error.message : String(error);
          record.error = message;
          throw fail(`request:fail ${message}`);
        }
      });
      return {
        abort() {
          aborted = true;
          abort();
        },
        onHeadersReceived() {},
        offHeadersReceived() {},
      };
    },

    uploadFile(raw) {
      const opts = isRecord(raw) ? raw : {};
      const url = rewrite(str(opts.url));
      requests.push({ method: 'UPLOAD', url });
      let abort: () => void = () => undefined;
      settleApi('uploadFile', { success: opts.success, fail: opts.fail, complete: opts.complete }, async () => {
        const filePath = str(opts.filePath);
        let file: TempFile;
        try {
          file = readFile(filePath);
        } catch (error: unknown) {
          throw fail(`uploadFile:fail ${error instanceof Error ? error.message : String(error)}`);
        }
        const boundary = `----wxfake${randomBytes(8).toString('hex')}`;
        const parts: Buffer[] = [];
        for (const [k, v] of Object.entries(isRecord(opts.formData) ? opts.formData : {})) {
          parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
        }
        const fileName = filePath.split('/').pop() ?? 'file';
        const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
        parts.push(
          Buffer.from(
            `--${boundary}\r\ncontent-disposition: form-data; name="${str(opts.name, 'file')}"; filename="${fileName}"\r\ncontent-type: ${file.contentType ?? MIME[ext] ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          file.data,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        );
        const header: Record<string, string> = {};
        for (const [k, v] of Object.entries(isRecord(opts.header) ? opts.header : {})) header[k.toLowerCase()] = String(v);
        header['content-type'] = `multipart/form-data; boundary=${boundary}`;
        try {
          const result = await httpExchange('POST', url, header, Buffer.concat(parts), typeof opts.timeout === 'number' ? opts.timeout : 60_000, (a) => {
            abort = a;
          });
          return { data: result.body.toString('utf8'), statusCode: result.statusCode, header: result.header };
        } catch (error: unknown) {
          throw fail(`uploadFile:fail ${error instanceof Error ? error.message : String(error)}`);
        }
      });
      return { abort: () => abort(), onProgressUpdate() {}, offProgressUpdate() {} };
    },

    login(raw) {
      const opts = isRecord(raw) ? raw : {};
      return settleApi('login', opts, async () => {
        if (!options.fakeWeChatUrl) throw fail('login:fail the wx fake has no fakeWeChatUrl');
        const result = await httpExchange('POST', `${options.fakeWeChatUrl.replace(/\/$/, '')}/__fake/login`, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ openid })), 5000, () => undefined);
        const parsed: unknown = JSON.parse(result.body.toString('utf8'));
        if (result.statusCode !== 200 || !isRecord(parsed) || typeof parsed.code !== 'string') throw fail(`login:fail fake WeChat answered ${result.statusCode}`);
        loggedIn = true;
        return { code: parsed.code };
      });
    },
    checkSession(raw) {
      return settleApi('checkSession', isRecord(raw) ? raw : {}, async () => {
        if (!loggedIn) throw fail('checkSession:fail session time out, need relogin');
        return {};
      });
    },

    // Storage (JSON round trip, as WeChat serializes)
    setStorageSync(key, value) {
      storage.set(String(key), value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    },
    getStorageSync(key) {
      return storage.has(String(key)) ? storage.get(String(key)) : '';
    },
    removeStorageSync(key) {
      storage.delete(String(key));
    },
    clearStorageSync() {
      storage.clear();
    },
    getStorageInfoSync() {
      const bytes = [...storage.entries()].reduce((sum, [k, v]) => sum + k.length + JSON.stringify(v ?? '').length, 0);
      return { keys: [...storage.keys()], currentSize: Math.ceil(bytes / 1024), limitSize: 10240 };
    },
    setStorage(raw) {
      const opts = isRecord(raw) ? raw : {};
      return settleApi('setStorage', opts, async () => {
        api.setStorageSync(opts.key, opts.data);
        return {};
      });
    },
    getStorage(raw) {
      const opts = isRecord(raw) ? raw : {};
      return settleApi('getStorage', opts, async () => {
        if (!storage.has(str(opts.key))) throw fail('getStorage:fail data not found');
        return { data: storage.get(str(opts.key)) };
      });
    },
    removeStorage(raw) {
      const opts = isRecord(raw) ? raw : {};
      return settleApi('removeStorage', opts, async () => {
        storage.delete(str(opts.key));
        return {};
      });
    },
    clearStorage(raw) {
      return settleApi('clearStorage', isRecord(raw) ? raw : {}, async () => {
        storage.clear();
        return {};
      });
    },

    // UI
    showToast(raw) {
      const opts = isRecord(raw) ? raw : {};
      toasts.push(opts);
      return settleApi('showToast', opts, async () => ({}));
    },
    hideToast(raw) {
      return settleApi('hideToast', isRecord(raw) ? raw : {}, async () => ({}));
    },
    showLoading(raw) {
      loadingShown = true;
      return settleApi('showLoading', isRecord(raw) ? raw : {}, async () => ({}));
    },
    hideLoading(raw) {
      loadingShown = false;
      return settleApi('hideLoading', isRecord(raw) ? raw : {}, async () => ({}));
    },
    showModal(raw) {
      const opts = isRecord(raw) ? raw : {};
      modals.push(opts);
      const scripted = modalAnswers.shift();
      return settleApi('showModal', opts, async (waitForUser) => {
        const answer =
          scripted ??
          (options.modalsWaitForUser ? await waitForUser(new Promise<ModalAnswer>((resolve) => openModals.push(resolve))) : (options.defaultModalAnswer ?? { confirm: false }));
        return { confirm: answer.confirm, cancel: !answer.confirm, ...(opts.editable === true ? { content: answer.content ?? '' } : {}) };
      });
    },
    showActionSheet(raw) {
      return settleApi('showActionSheet', isRecord(raw) ? raw : {}, async () => {
        throw fail('showActionSheet:fail cancel');
      });
    },
    stopPullDownRefresh(raw) {
      return settleApi('stopPullDownRefresh', isRecord(raw) ? raw : {}, async () => ({}));
    },
    setNavigationBarTitle(raw) {
      return settleApi('setNavigationBarTitle', isRecord(raw) ? raw : {}, async () => ({}));
    },
    pageScrollTo(raw) {
      return settleApi('pageScrollTo', isRecord(raw) ? raw : {}, async () => ({}));
    },
    previewImage(raw) {
      return settleApi('previewImage', isRecord(raw) ? raw : {}, async () => ({}));
    },
    showShareMenu(raw) {
      return settleApi('showShareMenu', isRecord(raw) ? raw : {}, async () => ({}));
    },

    // Navigation: the host owns the page stack
    ...Object.fromEntries(
      (['navigateTo', 'redirectTo', 'navigateBack', 'reLaunch', 'switchTab'] as const).map((kind) => [
        kind,
        (raw: unknown) => {
          const opts = isRecord(raw) ? raw : {};
          return settleApi(kind, opts, async () => {
            if (!navigator) throw fail(`${kind}:fail no app host`);
            try {
              await navigator.navigate(kind, opts);
            } catch (error: unknown) {
              throw fail(`${kind}:fail ${error instanceof Error ? error.message : String(error)}`);
            }
            return {};
          });
        },
      ]),
    ),
    startPullDownRefresh(raw) {
      return settleApi('startPullDownRefresh', isRecord(raw) ? raw : {}, async () => {
        if (!navigator) throw fail('startPullDownRefresh:fail no app host');
        await navigator.startPullDownRefresh();
        return {};
      });
    },

    nextTick(fn) {
      const done = beginWork('nextTick');
      setTimeout(() => {
        try {
          if (typeof fn === 'function') (fn as () => void)();
        } finally {
          done();
        }
      }, 0);
    },
    getSystemInfoSync() {
      return { ...(api.getWindowInfo() as WxOptions), ...(api.getDeviceInfo() as WxOptions), ...(api.getAppBaseInfo() as WxOptions), pixelRatio: 2 };
    },
    getWindowInfo() {
      return { pixelRatio: 2, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 724, statusBarHeight: 44, safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 } };
    },
    getDeviceInfo() {
      return { brand: 'devtools', model: 'headless', system: 'iOS 17.0', platform: 'devtools' };
    },
    getAppBaseInfo() {
      return { SDKVersion: '3.7.0', language: 'zh_CN', version: '8.0.50', theme: 'light' };
    },
    getAccountInfoSync() {
      return { miniProgram: { appId: 'wxtestapp', envVersion: 'develop', version: '' } };
    },
    canIUse() {
      return true;
    },

    // Privacy: a first-time user
    getPrivacySetting(raw) {
      return settleApi('getPrivacySetting', isRecord(raw) ? raw : {}, async () => ({
        needAuthorization: !agreed,
        privacyContractName: options.privacyContractName ?? '《社区小程序隐私保护指引》',
      }));
    },
    onNeedPrivacyAuthorization(listener) {
      privacyListener = typeof listener === 'function' ? (listener as PrivacyListener) : undefined;
    },
    requirePrivacyAuthorize(raw) {
      return settleApi('requirePrivacyAuthorize', isRecord(raw) ? raw : {}, async (waitForUser) => {
        await waitForUser(requirePrivacy('requirePrivacyAuthorize'));
        return {};
      });
    },
    openPrivacyContract(raw) {
      contractOpened += 1;
      return settleApi('openPrivacyContract', isRecord(raw) ? raw : {}, async () => ({}));
    },
    chooseMedia(raw) {
      const opts = isRecord(raw) ? raw : {};
      return settleApi('chooseMedia', opts, async (waitForUser) => {
        await waitForUser(requirePrivacy('chooseMedia'));
        const next = mediaQueue.shift();
        if (!next || next === 'cancel') throw fail('chooseMedia:fail cancel');
        const tempFiles = next.map((media) => ({
          tempFilePath: registerTempFile({ data: media.data }, media.ext ?? 'jpg'),
          size: media.data.length,
          fileType: media.fileType ?? 'image',
          width: media.width ?? 0,
          height: media.height ?? 0,
        }));
        return { tempFiles, type: tempFiles.every((f) => f.fileType === 'image') ? 'image' : 'mix' };
      });
    },
  };
  for (const name of FORBIDDEN) {
    api[name] = () => {
      throw new Error(`wx.${name} must not be used by this template (see wechat-platform.md §2): it returns no real data or needs paid/extra permissions`);
    };
  }

  function registerTempFile(file: TempFile, ext = 'jpg'): string {
    const filePath = `http://tmp/${randomBytes(8).toString('hex')}.${ext}`;
    tempFiles.set(filePath, file);
    return filePath;
  }

  // Every property access logs calls; unknown APIs fall back to simulate's stubs, logged as such.
  const logged = new Map<string, unknown>();
  const wx = new Proxy<Record<string, unknown>>(
    {},
    {
      get(_target, property) {
        if (typeof property !== 'string') return undefined;
        const cached = logged.get(property);
        if (cached) return cached;
        const own = api[property];
        const stub = fallback[property];
        if (typeof own !== 'function' && typeof stub !== 'function') return own ?? stub;
        const name = typeof own === 'function' ? property : `unfaked:${property}`;
        const wrapped = (...args: unknown[]): unknown => {
          calls.push({ name, args });
          return typeof own === 'function' ? own(...args) : (stub as (...a: unknown[]) => unknown)(...args);
        };
        logged.set(property, wrapped);
        return wrapped;
      },
      has(_target, property) {
        return typeof property === 'string' && (property in api || property in fallback);
      },
      set(_target, property, value) {
        // Tests may replace an API (mockWxMethod-style): keep it logged.
        if (typeof property !== 'string') return false;
        api[property] = value as (...args: unknown[]) => unknown;
        logged.delete(property);
        return true;
      },
    },
  );

  return {
    wx,
    calls,
    callsTo: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
    requests,
    storage,
    toasts,
    modals,
    get loadingShown() {
      return loadingShown;
    },
    answerNextModal: (answer) => {
      modalAnswers.push(answer);
    },
    get openModals() {
      return openModals.length;
    },
    answerOpenModal(answer) {
      const resolve = openModals.shift();
      resolve?.(answer);
      return resolve !== undefined;
    },
    registerTempFile,
    enqueueMedia: (result) => {
      mediaQueue.push(result);
    },
    setOpenid: (value) => {
      openid = value;
    },
    get openid() {
      return openid;
    },
    configure: (next) => {
      options = { ...options, ...next };
      if (next.openid) openid = next.openid;
    },
    privacy,
    setNavigator: (value) => {
      navigator = value;
    },
    get inFlight() {
      return [...work.values()];
    },
    track,
    beginWork,
    adoptFallback: (stubs) => {
      fallback = stubs;
      logged.clear();
    },
  };
}

/** Creates the fake and installs it as global `wx` (do this before requiring miniprogram-simulate). */
export function installWxFake(options: WxFakeOptions = {}): WxFake {
  const fake = createWxFake(options);
  (globalThis as unknown as { wx: unknown }).wx = fake.wx;
  (globalThis as unknown as { __wxFake__: WxFake }).__wxFake__ = fake;
  return fake;
}

/** The fake installed by installWxFake, for the host. */
export function installedWxFake(): WxFake | undefined {
  return (globalThis as unknown as { __wxFake__?: WxFake }).__wxFake__;
}
