/**
 * Text CI's picture OCR (ImageOCR) reads off pictures: lines from signs, receipts, notices and slides, and
 * single characters (a "福" poster, a "停" sign) so a result can hold one detection of one character.
 * Used by ImageOCR.
 */
export const OCR_LINES = [
  '欢迎光临',
  '营业时间 09:00-22:00',
  '请勿吸烟',
  '安全出口',
  '会议纪要',
  '第三季度销售报告',
  '合计金额 ¥128.50',
  '收款方式 微信支付',
  '订单号 202406180012',
  '本店支持外卖配送',
  '请保持安静',
  '小心地滑',
  '北京市海淀区中关村大街1号',
  '联系电话 010-62345678',
  '限时特惠 全场八折',
  '数据万象智能识别',
  '产品规划与路线图',
  '请扫码关注公众号',
] as const;

export const OCR_SINGLE_CHARACTERS = ['福', '停', '囍', '赞', '茶'] as const;

/** ImageOCR.Type: the OCR engine. */
export const OCR_TYPES = ['general', 'accurate', 'efficient', 'fast', 'handwriting'] as const;

/** ImageOCR.LanguageType. */
export const OCR_LANGUAGE_TYPES = ['zh', 'auto', 'mix'] as const;
