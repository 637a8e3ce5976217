/**
 * What 党费 may be spent on: 2008规定 第十九条 — 党费必须用于党的活动，主要作为党员教育经费的补充 —
 * lists five purposes, and 第二十条 asks that every use (and every 下拨) be decided collectively,
 * so a recorded use carries one of these purposes and the date of the decision.
 * The codes are an interface (add, never rename); the labels are the regulation's words, as
 * published with 第十七条–第二十一条 at https://wddqw.com/ErrO.html.
 */
export const USE_PURPOSES = {
  training: '培训党员',
  materials: '订阅或购买用于开展党员教育的报刊、资料、音像制品和设备',
  commendation: '表彰先进基层党组织、优秀共产党员和优秀党务工作者',
  hardship: '补助生活困难的党员',
  disaster: '补助遭受严重自然灾害的党员和修缮因灾受损的基层党员教育设施',
} as const;

export type UsePurpose = keyof typeof USE_PURPOSES;
export const USE_PURPOSE_CODES = Object.keys(USE_PURPOSES) as [UsePurpose, ...UsePurpose[]];

/** English, second (the pane's language switch). */
export const USE_PURPOSES_EN: Record<UsePurpose, string> = {
  training: 'Training members',
  materials: 'Papers, materials, audio-visual products and equipment for member education',
  commendation: 'Commending model organisations, members and party workers',
  hardship: 'Helping members in hardship',
  disaster: 'Helping members hit by severe natural disasters; repairing damaged education facilities',
};
