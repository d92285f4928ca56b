/** The wx fake's public vocabulary: its options, what it records, and what the app host plugs in. */
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
export type PrivacyEvent = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId?: string } | { event: 'disagree' };
export type PrivacyListener = (resolve: (result: PrivacyEvent) => void, eventInfo: { referrer: string }) => void;

/** Where `wx.login` gets a code for the current openid (the project's stand-in for WeChat's login). */
export type LoginCodeSource = (openid: string) => Promise<string>;

export interface WxFakeOptions {
  /** Gives `wx.login` its codes (takes precedence over loginCodeUrl). */
  loginCode?: LoginCodeSource;
  /**
   * The generic way to the same: a URL answering `POST {"openid": "…"}` (JSON) with
   * `{"code": "…"}` and status 200. Without loginCode or loginCodeUrl, wx.login fails.
   */
  loginCodeUrl?: string;
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

/** A table of `wx.*` implementations, merged into the fake's API surface. */
export type ApiTable = Record<string, (...args: unknown[]) => unknown>;
