/**
 * Mandarin utterances as CI's speech recognition segments them: words separated by spaces, punctuation as its
 * own token (VoiceType 1 in the result). Used by SpeechRecognition.
 */
export const SPEECH_SENTENCES = [
  '悯 农 ， 李 绅 ， 锄禾 日 当午 ， 汗滴 禾 下 土 。 谁知 盘中餐 ， 粒粒 皆 辛苦 。',
  '床前 明月 光 ， 疑 是 地上 霜 。 举头 望 明月 ， 低头 思 故乡 。',
  '各位 同事 大家 好 ， 今天 的 会议 主要 讨论 下 季度 的 产品 规划 。',
  '您好 ， 这里 是 客服 中心 ， 请问 有 什么 可以 帮 您 ？',
  '我 想 查询 一下 我 的 订单 物流 信息 ， 订单号 已经 发 给 您 了 。',
  '今天 北京 天气 晴 ， 最高 气温 二十八 度 ， 适合 户外 活动 。',
  '欢迎 收听 本期 节目 ， 我们 来 聊聊 人工智能 在 医疗 领域 的 应用 。',
  '请 大家 把 手机 调 成 静音 ， 讲座 马上 就 要 开始 了 。',
  '这 款 产品 支持 快速 充电 ， 十五 分钟 可以 充 到 百分之八十 。',
  '下 一 站 是 人民广场 ， 请 需要 下车 的 乘客 做好 准备 。',
  '好 的 ， 我 明白 了 ， 稍后 我 把 方案 发到 群里 。',
  '感谢 您 的 耐心 等待 ， 您 的 问题 我们 已经 记录 并 转交 技术 部门 处理 。',
  '同学们 ， 请 翻开 课本 第 三十二 页 ， 我们 继续 学习 函数 的 概念 。',
  '本次 航班 预计 晚点 四十 分钟 ， 给 您 带来 的 不便 敬请 谅解 。',
  '老师 您 好 ， 我 想 请 一 天 假 ， 明天 要 去 医院 复查 。',
  '直播间 的 朋友们 ， 今天 这 款 茶叶 是 来自 福建 的 正宗 大红袍 。',
  '会议 纪要 我 已经 整理 好 了 ， 大家 有 问题 随时 提 。',
  '路上 注意 安全 ， 到 了 给 我 回 个 消息 。',
] as const;

/** One-word utterances (a voice message "好的"): they make the Words list a single element. */
export const SPEECH_SINGLE_WORDS = ['好的', '收到', '谢谢', '您好', '明白', '可以', '没问题'] as const;

/** Template names people give ASR templates. */
export const ASR_TEMPLATE_NAMES = [
  'test',
  'asr_16k_zh',
  'speech_recognition',
  '语音识别模板',
  'meeting-asr',
] as const;
