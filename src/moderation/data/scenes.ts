/**
 * The scenes (审核场景) a moderation job reports on, as CI's international documentation names them, with the
 * words a hit carries. Category and SubLabel examples (`Sexy`, `SexBehavior`) are from the callback pages; the
 * other names follow the same pattern and are ours [inferred]. Keywords are the kind of word a text or speech hit
 * names; they are mild stand-ins, chosen so that a body is safe to print.
 */

export const SCENES = ['porn', 'ads', 'illegal', 'abuse'] as const;
export type Scene = (typeof SCENES)[number];

export interface SceneWords {
  /** `Label` of a job or segment this scene hit. */
  label: string;
  /** The Info object's name in Detail (`PornInfo`) and Simple (`porn_info`). */
  detailKey: string;
  simpleKey: string;
  categories: readonly string[];
  subLabels: readonly string[];
  keywords: readonly string[];
  /** Text an OCR of a hit frame or page reads. */
  ocrLines: readonly string[];
}

export const SCENE_WORDS: Readonly<Record<Scene, SceneWords>> = {
  porn: {
    label: 'Porn',
    detailKey: 'PornInfo',
    simpleKey: 'porn_info',
    categories: ['Sexy', 'SexBehavior', 'SexyDressing', 'Nudity'],
    subLabels: ['SexBehavior', 'SexyBehavior', 'WomenChest', 'WomenSexyChest', 'ManNakedUpperBody'],
    keywords: ['色情', '裸聊', '约炮', '成人视频', '情色'],
    ocrLines: ['成人视频免费看', '裸聊加微信', '午夜福利'],
  },
  ads: {
    label: 'Ads',
    detailKey: 'AdsInfo',
    simpleKey: 'ads_info',
    categories: ['QRCode', 'Contact', 'Watermark', 'Promotion'],
    subLabels: ['QRCode', 'AppLogo', 'WeChatID', 'PhoneNumber', 'Url'],
    keywords: ['加微信', '扫码领取', '代理招募', '兼职刷单', '免费领取'],
    ocrLines: ['扫码加微信领取优惠', '兼职日结 联系VX', '点击链接免费领取'],
  },
  illegal: {
    label: 'Illegal',
    detailKey: 'IllegalInfo',
    simpleKey: 'illegal_info',
    categories: ['Gambling', 'Drugs', 'Fraud'],
    subLabels: ['Gambling', 'Drug', 'FakeCertificate', 'Fraud'],
    keywords: ['赌博', '代办证件', '网赌', '博彩', '套现'],
    ocrLines: ['在线博彩 稳赚不赔', '代办各类证件'],
  },
  abuse: {
    label: 'Abuse',
    detailKey: 'AbuseInfo',
    simpleKey: 'abuse_info',
    categories: ['Insult', 'Threat'],
    subLabels: ['Insult', 'Curse', 'Threat'],
    keywords: ['滚蛋', '废物', '去死', '傻瓜'],
    ocrLines: ['你就是个废物'],
  },
};

/** The score bands of the documentation: [0,60] normal, [61,90] suspected, [91,100] violation. */
export const SCORE_BANDS = {
  normal: [0, 60],
  suspected: [61, 90],
  violation: [91, 100],
} as const;
