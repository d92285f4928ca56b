/**
 * Content shipped inside the package: the welcome and the community rules, shown under the
 * error state when the server cannot be reached, so a first open offline (or a reviewer on a
 * bad network) never sees a blank page. Keep it in step with server/src/db/seed/content.ts.
 */
export interface BundledArticle {
  key: string;
  title: string;
  body: string;
}

export const bundledWelcome: BundledArticle = {
  key: 'welcome',
  title: '欢迎来到社区',
  body:
    '欢迎你来到这里！\n\n' +
    '这是一个大家交流想法、分享经验、互相帮助的地方。不管你是随便看看，还是打算常来坐坐，都很高兴认识你。\n\n' +
    '刚来的话，可以先做这几件事：\n' +
    '1、逛逛各个版块，看看大家在聊什么；\n' +
    '2、读一读置顶的《社区公约》，了解这里的基本约定；\n' +
    '3、到「交流」版块的自我介绍帖里打个招呼；\n' +
    '4、用着不顺手或者有好点子，欢迎到「反馈与建议」告诉我们。\n\n' +
    '不用登录就能浏览公开内容，想发帖或评论时再设置昵称和头像就好。\n\n' +
    '祝你在这里玩得开心！',
};

export const bundledRules: BundledArticle = {
  key: 'rules',
  title: '社区公约',
  body:
    '为了让每个人都能在这里舒服地交流，请大家一起遵守以下约定：\n\n' +
    '1、友善尊重。就事论事，不人身攻击，不歧视，不引战。\n' +
    '2、拒绝广告和刷屏。不发布商业推广、引流信息，不重复发布相同内容。\n' +
    '3、遵守法律法规。不发布违法违规、色情低俗、暴力血腥、谣言等内容。\n' +
    '4、保护隐私。不公开自己或他人的手机号、住址、证件号等个人信息。\n' +
    '5、尊重原创。转载请注明出处，不侵犯他人权益。\n\n' +
    '所有帖子、评论、昵称、头像和图片都会经过平台的内容安全检测，并由管理员人工复核。违反公约的内容会被隐藏或删除，情节严重的账号会被限制使用。\n\n' +
    '看到不合适的内容，请点击帖子或评论旁的「举报」，我们会尽快处理。感谢你和我们一起维护这里的氛围。',
};

/** What the forum shows under its error state. */
export const bundledArticles: BundledArticle[] = [bundledWelcome, bundledRules];
