/**
 * A finding raised from the server's records (approvals, transfers, the year's baseline) rather
 * than from a cell: it names the member and the record instead of a sheet and an A1 address.
 * Same codes, severities and messages as every other finding (codes.ts, messages.ts).
 */
import { severityOf, type FindingCode, type Severity } from './codes';
import { messageFor, type MessageParams } from './messages';

export interface RecordFinding {
  code: FindingCode;
  severity: Severity;
  /** The member, as people see them: name and masked ID. */
  member: { name: string; idMasked: string };
  /** The months it is about, 'YYYY-MM', in order. */
  months: string[];
  message: string;
  messageEn: string;
  /** The approval or transfer it names, when there is one. */
  approvalId?: number;
  transferId?: number;
}

export function recordFinding(
  code: FindingCode,
  member: { name: string; idMasked: string },
  months: readonly string[],
  params: MessageParams,
  ref: { approvalId?: number; transferId?: number } = {},
): RecordFinding {
  const { zh, en } = messageFor(code, { name: member.name, months, ...params });
  return { code, severity: severityOf(code), member: { ...member }, months: [...months], message: zh, messageEn: en, ...ref };
}
