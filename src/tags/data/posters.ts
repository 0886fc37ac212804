/**
 * What people fill poster templates with (PosterProduction.Info, base64 of a JSON object of template fields).
 * Used by PosterProduction.
 */
export const POSTER_TEXTS: readonly Readonly<Record<string, string>>[] = [
  { title: '双十一狂欢节', subTitle: '全场五折起', date: '11月11日' },
  { title: '新品上市', subTitle: '限时预售 立减100元' },
  { title: '年终盛典', subTitle: '感恩回馈 好礼相送', date: '12月31日' },
  { title: '周末读书会', subTitle: '本期主题：城市与人', place: '三楼阅览室' },
  { title: '夏日清凉季', subTitle: '冰饮第二杯半价' },
  { title: '招聘', subTitle: '前端工程师 后端工程师', contact: 'hr@example.com' },
  { title: '中秋快乐', subTitle: '花好月圆 阖家团圆' },
  { title: '春季运动会', subTitle: '报名截止 4月15日', place: '学校体育场' },
];

/** Folders posters are written to. */
export const POSTER_FOLDERS = ['poster/', 'output/poster/', 'marketing/'] as const;
