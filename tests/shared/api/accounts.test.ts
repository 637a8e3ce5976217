// The money routes' bodies: a use needs a purpose of 第十九条 and a decision date (第二十条) before it;
// other entries carry neither; shares and remittances are bounded and one line of text.
import { describe, expect, it } from 'vitest';
import { EntryRequestSchema, RemittanceRequestSchema, ShareRequestSchema } from '../../../shared/api/accounts';

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('EntryRequestSchema', () => {
  const use = { kind: 'use', on: '2026-06-10', amountFen: 50000, voucher: '记-0612', purpose: 'training', decidedOn: '2026-06-01' };

  it('takes a use with its purpose and an earlier decision', () => {
    expect(EntryRequestSchema.safeParse(use).success).toBe(true);
  });

  it('refuses a use without a purpose, with a purpose not in 第十九条, or decided after it was paid', () => {
    expect(issues(EntryRequestSchema.safeParse({ ...use, purpose: undefined }))).toEqual([expect.stringMatching(/^purpose: .*第十九条/)]);
    expect(EntryRequestSchema.safeParse({ ...use, purpose: 'banquet' }).success).toBe(false);
    expect(issues(EntryRequestSchema.safeParse({ ...use, decidedOn: undefined }))).toEqual([expect.stringMatching(/^decidedOn: .*第二十条/)]);
    expect(issues(EntryRequestSchema.safeParse({ ...use, decidedOn: '2026-06-11' }))).toEqual([expect.stringMatching(/^decidedOn: .*before/)]);
  });

  it('refuses a purpose or a decision on what is not a use, and zero except for 上年结存', () => {
    expect(EntryRequestSchema.safeParse({ kind: 'interest', on: '2026-06-21', amountFen: 1234, voucher: 'B1', purpose: 'training' }).success).toBe(false);
    expect(EntryRequestSchema.safeParse({ kind: 'interest', on: '2026-06-21', amountFen: 0, voucher: 'B1' }).success).toBe(false);
    expect(EntryRequestSchema.safeParse({ kind: 'opening', on: '2026-01-01', amountFen: 0, voucher: 'B0' }).success).toBe(true);
    expect(EntryRequestSchema.safeParse({ kind: 'allocation', on: '2026-03-01', amountFen: 10, voucher: 'B2', source: '市委组织部' }).success).toBe(true);
    expect(EntryRequestSchema.safeParse({ kind: 'interest', on: '2026-03-01', amountFen: 10, voucher: 'B2', source: '银行' }).success).toBe(false);
  });

  it('refuses fractions of a 分, negatives, huge amounts and text that is not one printable line', () => {
    for (const amountFen of [1.5, -1, 1e12]) expect(EntryRequestSchema.safeParse({ ...use, amountFen }).success).toBe(false);
    expect(EntryRequestSchema.safeParse({ ...use, voucher: 'a\nb' }).success).toBe(false);
    expect(EntryRequestSchema.safeParse({ ...use, voucher: '' }).success).toBe(false);
    expect(EntryRequestSchema.safeParse({ ...use, on: '2026-02-30' }).success).toBe(false);
  });
});

describe('ShareRequestSchema and RemittanceRequestSchema', () => {
  it('a share is 0–10000 basis points from a quarter, due on a real month-day (04-30 by default)', () => {
    expect(ShareRequestSchema.parse({ level: '县委', rateBp: 1000, from: '2026Q1' }).dueMonthDay).toBe('04-30');
    expect(ShareRequestSchema.safeParse({ level: '县委', rateBp: 10001, from: '2026Q1' }).success).toBe(false);
    expect(ShareRequestSchema.safeParse({ level: '县委', rateBp: 50.5, from: '2026Q1' }).success).toBe(false);
    expect(ShareRequestSchema.safeParse({ level: '县委', rateBp: 500, from: '2026-01' }).success).toBe(false);
    expect(ShareRequestSchema.safeParse({ level: '县委', rateBp: 500, from: '2026Q1', dueMonthDay: '04-31' }).success).toBe(false);
    expect(ShareRequestSchema.safeParse({ level: ' ', rateBp: 500, from: '2026Q1' }).success).toBe(false);
  });

  it('a remittance is at least 1 分 with a voucher', () => {
    expect(RemittanceRequestSchema.parse({ level: '县委', paidOn: '2027-03-01', amountFen: 1, voucher: 'V1' }).kind).toBe('share');
    expect(RemittanceRequestSchema.safeParse({ level: '县委', paidOn: '2027-03-01', amountFen: 0, voucher: 'V1' }).success).toBe(false);
    expect(RemittanceRequestSchema.safeParse({ level: '县委', paidOn: '2027-03-01', amountFen: 1 }).success).toBe(false);
  });
});
