/**
 * The member's year through the one client (client.ts): approvals, their effects, transfers and
 * the baseline. Functions over a DuesbookClient so the hub stays small; answers parsed with the
 * contract (approvals.ts).
 */
import { z } from 'zod';
import type { DuesbookClient } from './client';
import {
  ApprovalSchema, EffectsAnswerSchema, TransferSchema,
  type ApprovalDecision, type ApprovalRequest, type ApprovalWithdraw, type ReasonRequest, type TransferRequest,
} from './approvals';
import { BaselineSchema, type BaselineChangeRequest, type BaselineFixRequest } from './baseline';

const qs = (o: Record<string, string | undefined>) => {
  const p = Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined);
  return p.length ? `?${p.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '';
};

export async function listApprovals(c: DuesbookClient, o: { org?: string; year?: string } = {}) {
  return (await c.request('GET', `/api/approvals${qs(o)}`, z.array(ApprovalSchema))).data;
}
export async function addApproval(c: DuesbookClient, body: ApprovalRequest) {
  return (await c.request('POST', '/api/approvals', ApprovalSchema, { body })).data;
}
export async function decideApproval(c: DuesbookClient, id: number, action: 'confirm' | 'reject', body: ApprovalDecision = {}) {
  return (await c.request('POST', `/api/approvals/${id}/${action}`, ApprovalSchema, { body })).data;
}
export async function approvalEffects(c: DuesbookClient, period: string, org?: string) {
  return (await c.request('GET', `/api/approvals/effects/${encodeURIComponent(period)}${qs({ org })}`, EffectsAnswerSchema)).data;
}
export async function listTransfers(c: DuesbookClient, o: { org?: string; year?: string } = {}) {
  return (await c.request('GET', `/api/transfers${qs(o)}`, z.array(TransferSchema))).data;
}
export async function addTransfer(c: DuesbookClient, body: TransferRequest) {
  return (await c.request('POST', '/api/transfers', TransferSchema, { body })).data;
}

// 年初核定 (shared/api/baseline.ts).
export async function fixBaseline(c: DuesbookClient, body: BaselineFixRequest) {
  return (await c.request('POST', '/api/baselines', BaselineSchema, { body })).data;
}
export async function readBaseline(c: DuesbookClient, year: string, org?: string) {
  return (await c.request('GET', `/api/baselines/${encodeURIComponent(year)}${qs({ org })}`, BaselineSchema)).data;
}
export async function recordBaselineChange(c: DuesbookClient, year: string, body: BaselineChangeRequest) {
  return (await c.request('POST', `/api/baselines/${encodeURIComponent(year)}/changes`, BaselineSchema, { body })).data;
}
/** The branch takes back its own pending approval. */
export async function withdrawApproval(c: DuesbookClient, id: number, body: ApprovalWithdraw = {}) {
  return (await c.request('POST', `/api/approvals/${id}/withdraw`, ApprovalSchema, { body })).data;
}
/** The org that confirmed an approval (or the 党委's admin) revokes it, saying why. */
export async function revokeApproval(c: DuesbookClient, id: number, body: ReasonRequest) {
  return (await c.request('POST', `/api/approvals/${id}/revoke`, ApprovalSchema, { body })).data;
}
/** The branch withdraws a transfer entered by mistake, saying why. */
export async function withdrawTransfer(c: DuesbookClient, id: number, body: ReasonRequest) {
  return (await c.request('POST', `/api/transfers/${id}/withdraw`, TransferSchema, { body })).data;
}
