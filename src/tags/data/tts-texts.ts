/**
 * What people send to speech synthesis (Tts): announcements, notices, customer-service prompts and news lines,
 * and the templates they name. Used by Tts.
 */
export const TTS_TEXTS = [
  '欢迎致电客户服务中心，人工服务请按零。',
  '您的订单已发货，预计明天下午送达，请保持电话畅通。',
  '各位乘客，列车即将到达终点站，请带好随身物品，准备下车。',
  '今天白天多云转晴，最高气温二十八度，东南风三到四级。',
  '本次会议将于下午三点准时开始，请各位提前十分钟入场。',
  '温馨提示：图书馆将于晚上十点闭馆，请读者合理安排时间。',
  '感谢您收听本期节目，我们下周同一时间再见。',
  '您的验证码是四七二九，五分钟内有效，请勿泄露给他人。',
  '前方路口右转，进入人民路，然后继续直行五百米。',
  '新学期选课系统将于九月一日开放，请同学们及时登录查看。',
  '商品库存不足，系统已为您自动退款，请注意查收。',
  '春节假期期间，营业厅的服务时间调整为上午九点至下午五点。',
] as const;

export const TTS_TEMPLATE_NAMES = ['template_tts', 'tts-xiaoyun', '语音合成-客服', 'tts_news_16k'] as const;

/** What the template writes: the file extension, and the codec ffprobe reports for it. */
export const TTS_OUTPUTS = [
  { extension: 'mp3', codecName: 'mp3', weight: 6 },
  { extension: 'wav', codecName: 'pcm_s16le', weight: 2 },
] as const;

/** Sample rates Tencent's speech synthesis produces; 16 kHz is the default. */
export const TTS_SAMPLE_RATES = [
  { value: 16000, weight: 7 },
  { value: 8000, weight: 2 },
  { value: 24000, weight: 1 },
] as const;
