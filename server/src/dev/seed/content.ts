/**
 * Default community content written into a fresh install: two staff accounts, the boards,
 * and a handful of posts with comments. A reviewer opening a new install must see real,
 * natural content and no page left empty, so this ships with ready-to-publish text.
 *
 * Forks: edit this file to fit your community (board names, welcome words, rules, contact
 * wording). Keep bodies as plain text with line breaks, and keep menu names such as
 * 「我的 - 设置」 in step with your UI. Post keys and board slugs are stable identifiers
 * that make seeding idempotent: edit titles and bodies freely, but a changed key or slug is
 * seeded as a new row.
 *
 * Plain data only; the seeding code decides how it is stored.
 */

export interface SeedBoard {
  slug: string;
  name: string;
  description: string;
  sortOrder: number;
  /** Only staff may post here. */
  staffOnly?: boolean;
}

export interface SeedComment {
  body: string;
  author: 'operator' | 'helper';
}

export interface SeedPost {
  key: string;
  boardSlug: string;
  title: string;
  body: string;
  pinned: boolean;
  comments: SeedComment[];
}

/** Authors every seeded post. */
export const operatorAccount: { username: string; nickname: string } = {
  username: 'operator',
  nickname: '社区运营',
};

/** Second staff account, so seeded comments read like a conversation. */
export const helperAccount: { username: string; nickname: string } = {
  username: 'helper',
  nickname: '社区助手',
};

export const seedBoards: SeedBoard[] = [
  {
    slug: 'announcements',
    name: '公告',
    description: '社区动态、规则更新和重要通知',
    sortOrder: 1,
    staffOnly: true,
  },
  {
    slug: 'general',
    name: '交流',
    description: '聊聊日常，分享经验与见闻',
    sortOrder: 2,
  },
  {
    slug: 'help',
    name: '新手指南',
    description: '使用帮助和常见问题',
    sortOrder: 3,
  },
  {
    slug: 'feedback',
    name: '反馈与建议',
    description: '你的意见，让社区变得更好',
    sortOrder: 4,
  },
];

export const seedPosts: SeedPost[] = [
  {
    key: 'welcome',
    boardSlug: 'announcements',
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
    pinned: true,
    comments: [
      {
        author: 'helper',
        body: '大家好，我是社区助手，平时会在各个版块转转。使用中遇到问题，可以到「新手指南」版块看看，或者直接在这里留言，我看到会尽快回复。',
      },
      {
        author: 'operator',
        body: '社区刚刚起步，欢迎大家多发帖、多交流，一起把这里变得热闹起来。',
      },
    ],
  },
  {
    key: 'rules',
    boardSlug: 'announcements',
    title: '社区公约',
    body:
      '为了让每个人都能在这里舒服地交流，请大家一起遵守以下约定：\n\n' +
      '1、友善尊重。就事论事，不人身攻击，不歧视，不引战。\n' +
      '2、拒绝广告和刷屏。不发布商业推广、引流信息，不重复发布相同内容。\n' +
      '3、遵守法律法规。不发布违法违规、色情低俗、暴力血腥、谣言等内容。\n' +
      '4、保护隐私。不公开自己或他人的手机号、住址、证件号等个人信息。\n' +
      '5、尊重原创。转载请注明出处，不侵犯他人权益。\n\n' +
      '所有帖子、评论、昵称、头像和图片都会经过平台的内容安全检测，并由管理员人工复核。违反公约的内容会被隐藏或删除，情节严重的账号会被禁言。\n\n' +
      '看到不合适的内容，请点击帖子或评论旁的「举报」，我们会尽快处理。感谢你和我们一起维护这里的氛围。',
    pinned: true,
    comments: [
      {
        author: 'operator',
        body: '公约会随着社区的发展不断完善，对条款有任何想法，都可以到「反馈与建议」版块告诉我们。',
      },
      {
        author: 'helper',
        body: '补充一下：举报时选一个最接近的原因就行，不确定的也可以先举报，管理员会逐条查看。',
      },
    ],
  },
  {
    key: 'how-to',
    boardSlug: 'help',
    title: '新手指南：浏览、发帖、评论、举报和编辑资料',
    body:
      '第一次来？花几分钟就能上手。\n\n' +
      '浏览：打开就能看，不需要登录。首页是最新内容，也可以按版块查看。\n\n' +
      '发帖和评论：第一次发帖或评论时，会请你设置昵称和头像，设置好就可以发布了。帖子可以配图。\n\n' +
      '审核：为了社区安全，帖子、评论和图片都会经过内容安全检测。大部分内容会马上发布，个别内容需要稍等或人工复核，这时会短暂显示「审核中」，通过后大家就能看到。\n\n' +
      '举报：看到不合适的内容，点击帖子或评论旁的「举报」，选择原因提交即可。\n\n' +
      '编辑资料：在「我的」页面可以修改昵称和头像。\n\n' +
      '删除和注销：自己发的帖子和评论可以随时删除；不想继续使用时，可以在「我的 - 设置」中注销账号，个人资料会一并清除。',
    pinned: false,
    comments: [
      {
        author: 'helper',
        body: '按照上面的步骤还是遇到问题的话，直接在这条下面留言就好，我会帮你看看。',
      },
    ],
  },
  {
    key: 'faq',
    boardSlug: 'help',
    title: '常见问题解答',
    body:
      '整理了大家最常问的几个问题。\n\n' +
      '为什么我的帖子显示「审核中」？\n' +
      '内容发布后会经过安全检测，个别文字或图片需要多一点时间，或需要管理员人工确认。这期间只有你自己能看到，通过后会自动公开，不用重新发布。\n\n' +
      '为什么需要设置昵称？\n' +
      '昵称和头像能让大家知道是谁在说话，交流起来更亲切。只是浏览的话不需要设置。\n\n' +
      '如何注销账号？\n' +
      '在「我的 - 设置」中选择「注销账号」，确认后个人资料会被删除，登录状态也会失效。\n\n' +
      '数据如何使用？\n' +
      '我们只使用提供社区服务所需的信息，比如你设置的昵称、头像和发布的内容。文字和图片会提交给平台的内容安全服务检测，不会用于其他用途。详见「我的 - 隐私保护指引」。\n\n' +
      '如何联系我们？\n' +
      '通过「我的 - 意见反馈」给我们留言，或者在「反馈与建议」版块发帖。',
    pinned: false,
    comments: [
      {
        author: 'helper',
        body: '再补充一点：如果内容不符合社区公约，发布时会直接提示无法发布，修改后重新提交就可以了。',
      },
      {
        author: 'operator',
        body: '还有其他疑问的话欢迎在下面留言，常见的问题我们会陆续补充进来。',
      },
    ],
  },
  {
    key: 'feedback-welcome',
    boardSlug: 'feedback',
    title: '欢迎提出你的意见和建议',
    body:
      '社区刚刚起步，还有很多可以做得更好的地方，非常需要你的声音。\n\n' +
      '不管是某个功能用着不顺手、发现了问题，还是希望增加新的版块和玩法，都可以在这里留言，或者单独发帖告诉我们。\n\n' +
      '反馈问题时，如果能说明在哪个页面、做了什么操作、看到了什么提示，我们就能更快找到原因。\n\n' +
      '每一条反馈我们都会认真看，采纳的建议会在「公告」版块同步进展。谢谢你！',
    pinned: false,
    comments: [
      {
        author: 'helper',
        body: '不方便公开说的问题，也可以通过「我的 - 意见反馈」单独告诉我们。',
      },
    ],
  },
  {
    key: 'introductions',
    boardSlug: 'general',
    title: '自我介绍帖：来打个招呼吧',
    body:
      '新朋友，来这里报个到吧！\n\n' +
      '可以随便聊聊：\n' +
      '1、怎么称呼你；\n' +
      '2、平时喜欢做些什么；\n' +
      '3、希望在社区里看到什么内容。\n\n' +
      '不用写很长，一句话打个招呼也很好，说不定就能遇到志同道合的朋友。也提醒一下，手机号、住址这类个人信息就不要写在这里啦。\n\n' +
      '我们先来：我们是社区的运营团队，负责维护社区秩序、整理大家的建议。很高兴在这里认识你！',
    pinned: false,
    comments: [
      {
        author: 'helper',
        body: '大家好，我是社区助手！平时会帮忙解答使用上的问题，也很喜欢和大家聊天，期待认识更多新朋友。',
      },
      {
        author: 'operator',
        body: '欢迎助手！以后新手版块就拜托你多照看啦。',
      },
    ],
  },
  {
    key: 'daily',
    boardSlug: 'general',
    title: '分享你的日常：最近有什么开心的小事？',
    body:
      '生活里总有些值得记下来的小瞬间：一顿好吃的饭，一本看完的书，一次饭后散步，或者终于搞定的一件麻烦事。\n\n' +
      '欢迎在评论区分享你最近的开心小事，也可以单独发帖，配上一两张照片。\n\n' +
      '没有固定的话题，轻松聊就好。看到喜欢的分享，也别忘了回复鼓励一下对方。',
    pinned: false,
    comments: [
      {
        author: 'helper',
        body: '我先来：这周终于把拖了很久的房间收拾好了，看着清爽多了。',
      },
      {
        author: 'operator',
        body: '收拾完的感觉确实很好！我最近每天晚饭后出去走一走，心情轻松了不少。',
      },
    ],
  },
];
