/**
 * Everyday content a moderated job carries when nothing is wrong with it: speech a recognizer transcribes,
 * text read off images, lines of user text, page titles. Word lists apart from logic.
 */

/** ASR of ordinary speech (audio sections, a video's audio track). */
export const SPEECH_LINES = [
  '大家好，欢迎来到今天的直播间',
  '今天我们来聊一聊周末去哪里玩',
  '这款产品的续航表现非常不错',
  '接下来给大家演示一下具体的操作步骤',
  '谢谢大家的支持，我们下期再见',
  '这道菜的关键是火候要掌握好',
  '我们先来看一下今天的天气情况',
  '感谢各位同学的认真听讲',
] as const;

/** OCR of ordinary images and pages. */
export const OCR_LINES = [
  '新品上市',
  '第一章 概述',
  '会议纪要',
  '欢迎光临',
  '2024年度工作总结',
  '产品使用说明书',
  '目录',
] as const;

/** Lines of ordinary user text (comments, posts, documents). */
export const TEXT_LINES = [
  '这家店的服务态度很好，下次还会再来。',
  '请问周末的活动几点开始？',
  '今天天气不错，适合出去走走。',
  '感谢分享，学到了很多。',
  '物流很快，包装完好，好评。',
  '这篇文章写得很详细，收藏了。',
] as const;

/** Web pages a webpage-moderation job reads. */
export const WEB_PAGES = [
  'https://www.example.com/news/2024/0612.html',
  'https://blog.example.cn/posts/weekend-trip.html',
  'https://shop.example.com/item/10086.html',
  'https://forum.example.org/thread/52013.html',
  'https://www.example.net/about.html',
] as const;

/** Live streams a live-moderation job pulls (CI's own example is a livepush.myqcloud.com FLV). */
export const LIVE_STREAM_HOSTS = ['livepush.myqcloud.com', 'play.example.com', 'live.example.cn'] as const;

/** Upload-time custom headers (`x-cos-meta-*`) CosHeaders echoes. */
export const COS_META_HEADERS = [
  ['x-cos-meta-id', 'id'],
  ['x-cos-meta-uid', 'uid'],
  ['x-cos-meta-source', 'source'],
] as const;
export const COS_META_SOURCES = ['app', 'web', 'miniprogram', 'admin'] as const;

/**
 * JobId prefixes of moderation jobs: `av` video (and live), `sa` audio, `st` text, `sd` document, as in the
 * API pages' response samples; `si` image and `sh` webpage follow the same pattern [inferred].
 */
export const JOB_ID_PREFIX = {
  image: 'si',
  video: 'av',
  live: 'av',
  audio: 'sa',
  text: 'st',
  document: 'sd',
  html: 'sh',
} as const;
