/**
 * What finance sees before confirming a revision: what changed since the revision before it —
 * who came in, who left, whose amounts moved — so 确认 is pressed with the facts in view.
 */
import { z } from 'zod';

const Person = z.object({ name: z.string(), idMasked: z.string() });
const Amounts = z.object({ members: z.number().int(), dueFen: z.number().int(), paidFen: z.number().int() });

export const RevisionChangesSchema = z.object({
  revision: z.number().int().min(1),
  /** The revision compared against; null for a first revision (everyone is "added"). */
  previous: z.number().int().min(1).nullable(),
  receivedAt: z.string(),
  /** Who sent it: the branch and the label of the token used. */
  submittedBy: z.object({ org: z.string(), label: z.string() }),
  added: z.array(Person),
  removed: z.array(Person),
  changed: z.array(Person.extend({ dueFen: z.tuple([z.number().int(), z.number().int()]), paidFen: z.tuple([z.number().int(), z.number().int()]) })),
  totals: z.object({ before: Amounts.nullable(), after: Amounts }),
});
export type RevisionChanges = z.infer<typeof RevisionChangesSchema>;
