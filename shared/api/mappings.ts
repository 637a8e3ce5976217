/**
 * The contract of a committee's column mappings (issue 12): finance or an administrator of the
 * 党委 saves a mapping for a template (shared/mapping/fingerprint.ts), every token of the
 * committee's tree reads them. No personal data: the key is a hash of header words, the mapping
 * columns and a layout, the label a template's name (no ID numbers, no long digit runs).
 */
import { z } from 'zod';
import { FIELD_KEYS } from '../recognise/mapping';
import { FINGERPRINT_PATTERN, type TemplateMapping } from '../mapping/fingerprint';
import { isPrintableLine } from './contract';

export const FingerprintSchema = z.string().regex(FINGERPRINT_PATTERN, 'a template fingerprint looks like t1- and 32 hex digits (shared/mapping/fingerprint.ts)');

const Column = z.number().int().min(0).max(16383);

/** A sheet mapping without what belongs to one sheet or one year (TemplateMapping). */
export const TemplateMappingSchema = z.object({
  kind: z.enum(['roster', 'register']),
  columns: z.partialRecord(z.enum(FIELD_KEYS), Column),
  months: z.record(z.string().regex(/^(?:[1-9]|1[0-2])$/, 'months are keyed 1–12'), Column).optional(),
  layout: z.enum(['wide', 'monthRows', 'range', 'annual', 'memberSheet']).optional(),
}).strict().refine((m) => Object.keys(m.columns).length + Object.keys(m.months ?? {}).length > 0, 'a mapping names at least one column');

/** A template's name as finance sees it in the list: one printable line, no digits that could be an ID or a phone. */
export const TemplateLabelSchema = z.string().trim().min(1).max(60)
  .refine(isPrintableLine, 'a label is one line of printable text')
  .refine((v) => !/\d{6,}/.test(v), 'a label must not hold a long run of digits (an ID or phone number)');

/** PUT /api/mappings/{fingerprint}: save or replace the committee's mapping of that template. */
export const SaveMappingRequestSchema = z.object({ label: TemplateLabelSchema, mapping: TemplateMappingSchema }).strict();
export type SaveMappingRequest = z.infer<typeof SaveMappingRequestSchema>;

/** One committee mapping: who saved it (organisation · token label) and when. */
export const CommitteeMappingSchema = z.object({
  fingerprint: FingerprintSchema,
  label: z.string(),
  mapping: TemplateMappingSchema,
  savedBy: z.string().nullable(),
  savedAt: z.string(),
});
export type CommitteeMapping = z.infer<typeof CommitteeMappingSchema>;

/** GET /api/mappings: the committee's mappings, by label. */
export const CommitteeMappingsAnswerSchema = z.object({ committee: z.string(), mappings: z.array(CommitteeMappingSchema) });
export type CommitteeMappingsAnswer = z.infer<typeof CommitteeMappingsAnswerSchema>;

/** A TemplateMapping as the request carries it: months keyed by their number as text, no empty entries. */
export function templateBody(m: TemplateMapping): SaveMappingRequest['mapping'] {
  const columns = Object.fromEntries(Object.entries(m.columns).filter((e): e is [string, number] => typeof e[1] === 'number'));
  const body: SaveMappingRequest['mapping'] = { kind: m.kind, columns };
  if (m.months) body.months = Object.fromEntries(Object.entries(m.months).filter((e): e is [string, number] => typeof e[1] === 'number'));
  if (m.layout) body.layout = m.layout;
  return body;
}
