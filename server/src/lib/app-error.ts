/**
 * An error with everything the error handler needs to answer: HTTP status, a stable code,
 * a short Chinese message for end users and an English detail for developers.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly userMessage: string,
    readonly detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}

export const unauthorized = (detail: string, code = 'unauthorized') => new AppError(401, code, '登录已过期，请重新进入小程序', detail);
export const forbidden = (detail: string, message = '没有权限进行此操作') => new AppError(403, 'forbidden', message, detail);
export const notFound = (what: string) => new AppError(404, 'not_found', '内容不存在或已被删除', `${what} not found`);
export const wechatBusy = (detail: string) => new AppError(503, 'wechat_unavailable', '服务繁忙，请稍后再试', detail);
