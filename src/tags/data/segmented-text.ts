/**
 * Short Chinese texts as CI's word segmentation (WordsGeneralize) returns them: tokens with their part of
 * speech, and the words it labels with a category. Used by WordsGeneralize.
 */
export interface SegmentedText {
  tokens: readonly (readonly [word: string, pos: string])[];
  labels: readonly (readonly [word: string, category: string])[];
}

export const SEGMENTED_TEXTS: readonly SegmentedText[] = [
  {
    tokens: [
      ['今天', 't'],
      ['打车', 'v'],
      ['花', 'v'],
      ['60', 'nx'],
      ['元', 'q'],
    ],
    labels: [['打车', '交通']],
  },
  {
    tokens: [
      ['明天', 't'],
      ['去', 'v'],
      ['北京', 'ns'],
      ['出差', 'v'],
      ['，', 'w'],
      ['订', 'v'],
      ['了', 'u'],
      ['高铁票', 'n'],
    ],
    labels: [
      ['北京', '地点'],
      ['高铁票', '交通'],
    ],
  },
  {
    tokens: [
      ['周末', 't'],
      ['和', 'p'],
      ['朋友', 'n'],
      ['去', 'v'],
      ['看', 'v'],
      ['电影', 'n'],
    ],
    labels: [['电影', '娱乐']],
  },
  {
    tokens: [
      ['午饭', 'n'],
      ['点', 'v'],
      ['了', 'u'],
      ['一份', 'm'],
      ['麻辣烫', 'n'],
      ['，', 'w'],
      ['35', 'nx'],
      ['块', 'q'],
    ],
    labels: [
      ['麻辣烫', '餐饮'],
      ['午饭', '餐饮'],
    ],
  },
  {
    tokens: [
      ['王', 'nr'],
      ['经理', 'n'],
      ['下午', 't'],
      ['三点', 't'],
      ['开会', 'v'],
    ],
    labels: [
      ['王', '人名'],
      ['开会', '工作'],
    ],
  },
  {
    tokens: [
      ['这部', 'r'],
      ['手机', 'n'],
      ['的', 'u'],
      ['电池', 'n'],
      ['很', 'd'],
      ['耐用', 'a'],
    ],
    labels: [
      ['手机', '数码'],
      ['电池', '数码'],
    ],
  },
  {
    tokens: [
      ['上海', 'ns'],
      ['今天', 't'],
      ['下', 'v'],
      ['大雨', 'n'],
    ],
    labels: [
      ['上海', '地点'],
      ['大雨', '天气'],
    ],
  },
  {
    tokens: [
      ['孩子', 'n'],
      ['报名', 'v'],
      ['了', 'u'],
      ['钢琴', 'n'],
      ['课', 'n'],
    ],
    labels: [['钢琴', '教育']],
  },
  {
    tokens: [
      ['信用卡', 'n'],
      ['本月', 't'],
      ['账单', 'n'],
      ['1200', 'nx'],
      ['元', 'q'],
    ],
    labels: [
      ['信用卡', '金融'],
      ['账单', '金融'],
    ],
  },
  {
    tokens: [
      ['医生', 'n'],
      ['建议', 'v'],
      ['多', 'a'],
      ['喝水', 'v'],
      ['早', 'a'],
      ['睡觉', 'v'],
    ],
    labels: [['医生', '医疗']],
  },
  {
    tokens: [
      ['快递', 'n'],
      ['已', 'd'],
      ['送达', 'v'],
      ['深圳', 'ns'],
      ['南山区', 'ns'],
    ],
    labels: [
      ['快递', '物流'],
      ['深圳', '地点'],
      ['南山区', '地点'],
    ],
  },
];

/** One-word texts: a single token and a single label, so both lists have one element. */
export const SINGLE_WORD_TEXTS: readonly SegmentedText[] = [
  { tokens: [['打车', 'v']], labels: [['打车', '交通']] },
  { tokens: [['电影', 'n']], labels: [['电影', '娱乐']] },
  { tokens: [['快递', 'n']], labels: [['快递', '物流']] },
];
