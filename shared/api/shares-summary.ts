/**
 * The roll-up's own view of 上缴 (a year at the 党委): 实交, 应上缴 per level, 留存 and the year's
 * 大额党费. Zod only (no import of contract.ts), so contract.ts can hang it on RollupNode and
 * accounts.ts can reuse it without an import cycle.
 */
import { z } from 'zod';

export const LevelShareSchema = z.object({
  level: z.string(),
  dueFen: z.number().int(),
  dueBy: z.string(),
  segments: z.array(z.object({ quarters: z.array(z.string()), rateBp: z.number().int(), baseFen: z.number().int(), dueFen: z.number().int() })),
});

export const YearSharesSchema = z.object({
  year: z.string(),
  collectedFen: z.number().int(),
  levels: z.array(LevelShareSchema),
  dueFen: z.number().int(),
  keptFen: z.number().int(),
});
export type YearSharesAnswer = z.infer<typeof YearSharesSchema>;

/** RollupNode.remittance: set on the 党委's node of a year roll-up. */
export const RollupRemittanceSchema = YearSharesSchema.extend({
  /** 大额党费 of the year: not in 实交, remitted to 中央 in full (2008规定 第十一条). */
  largeFen: z.number().int(),
});
export type RollupRemittance = z.infer<typeof RollupRemittanceSchema>;
