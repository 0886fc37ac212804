/**
 * What CI's video tagging (VideoTag) recognises, in the Chinese it reports: tags for a whole video with their
 * class, places (the sample's ClipFrameResult reads "办公室:0.55"), actions and objects. Used by VideoTag.
 */

export interface ClassifiedTag {
  tag: string;
  cls: string;
}

/** Tags for the video as a whole (Tags {Tag, TagCls, Confidence}). */
export const VIDEO_TAGS: readonly ClassifiedTag[] = [
  { tag: '美食', cls: '生活' },
  { tag: '烹饪', cls: '生活' },
  { tag: '旅行', cls: '生活' },
  { tag: '亲子', cls: '生活' },
  { tag: '萌宠', cls: '动物' },
  { tag: '猫', cls: '动物' },
  { tag: '汽车', cls: '交通' },
  { tag: '篮球', cls: '体育' },
  { tag: '足球', cls: '体育' },
  { tag: '健身', cls: '体育' },
  { tag: '舞蹈', cls: '娱乐' },
  { tag: '音乐', cls: '娱乐' },
  { tag: '游戏', cls: '娱乐' },
  { tag: '教育', cls: '知识' },
  { tag: '科技', cls: '知识' },
  { tag: '风景', cls: '自然' },
  { tag: '城市', cls: '场景' },
  { tag: '会议', cls: '办公' },
  { tag: '美妆', cls: '时尚' },
  { tag: '穿搭', cls: '时尚' },
];

/** Places a frame is recognised as (PlaceTags). */
export const PLACES: readonly ClassifiedTag[] = [
  { tag: '办公室', cls: '室内' },
  { tag: '会议室', cls: '室内' },
  { tag: '厨房', cls: '室内' },
  { tag: '客厅', cls: '室内' },
  { tag: '教室', cls: '室内' },
  { tag: '餐厅', cls: '室内' },
  { tag: '商场', cls: '室内' },
  { tag: '街道', cls: '室外' },
  { tag: '公园', cls: '室外' },
  { tag: '海滩', cls: '室外' },
  { tag: '山地', cls: '室外' },
  { tag: '体育场', cls: '室外' },
];

/** Actions seen over a time span (ActionTags). */
export const ACTIONS: readonly ClassifiedTag[] = [
  { tag: '走路', cls: '人物动作' },
  { tag: '说话', cls: '人物动作' },
  { tag: '鼓掌', cls: '人物动作' },
  { tag: '跑步', cls: '运动' },
  { tag: '打篮球', cls: '运动' },
  { tag: '跳舞', cls: '娱乐' },
  { tag: '弹吉他', cls: '娱乐' },
  { tag: '吃饭', cls: '生活' },
  { tag: '做饭', cls: '生活' },
  { tag: '开车', cls: '交通' },
];

/** Objects boxed in a frame (ObjectTags.Objects). */
export const OBJECTS = [
  '人',
  '汽车',
  '自行车',
  '猫',
  '狗',
  '手机',
  '电脑',
  '桌子',
  '椅子',
  '杯子',
  '书',
  '电视',
] as const;

/** VideoTag.Scenario: a live stream recording or a short video. */
export const VIDEO_TAG_SCENARIOS = ['ShortVideo', 'Stream'] as const;

/** StreamData.SubErrCode and SubErrMsg of a job whose recognisers all ran, as the published callbacks show. */
export const VIDEO_TAG_OK = { code: '0', message: 'ok' } as const;

/**
 * A partial failure: one recogniser failed, the job still succeeded with the rest of Data, and the failed part is
 * empty. CI publishes no list of these codes; these are modelled, in the `SubErrMsg` style of the sample.
 */
export interface VideoTagPartialFailure {
  code: string;
  message: string;
  /** The Data list the failed recogniser fills. */
  part: 'PlaceTags' | 'ActionTags' | 'ObjectTags';
}

export const VIDEO_TAG_PARTIAL_FAILURES: readonly VideoTagPartialFailure[] = [
  { code: '1001', message: 'place recognition failed: no frame could be classified', part: 'PlaceTags' },
  { code: '1002', message: 'action recognition failed: too few frames with motion', part: 'ActionTags' },
  { code: '1003', message: 'object detection timed out', part: 'ObjectTags' },
];
