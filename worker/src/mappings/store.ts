/** A committee's column mappings in D1: rows ↔ the contract's CommitteeMapping, and the statements that write them. */
import type { CommitteeMapping, SaveMappingRequest } from '../../../shared/api/mappings';
import type { Auth } from '../env';

export interface MappingRow {
  fingerprint: string;
  label: string;
  mapping: string;
  saved_at: string;
  by_org: string | null;
  by_label: string | null;
}

const SELECT = `SELECT m.fingerprint, m.label, m.mapping, m.saved_at, o.name AS by_org, t.label AS by_label
  FROM committee_mappings m LEFT JOIN tokens t ON t.id = m.token_id LEFT JOIN orgs o ON o.id = t.org_id`;

export function mappingOf(r: MappingRow): CommitteeMapping {
  return {
    fingerprint: r.fingerprint, label: r.label, mapping: JSON.parse(r.mapping) as CommitteeMapping['mapping'],
    savedBy: r.by_org ? (r.by_label ? `${r.by_org} · ${r.by_label}` : r.by_org) : null, savedAt: r.saved_at,
  };
}

/** The committee's mappings, by label then fingerprint (the order finance reads them in). */
export async function committeeMappings(db: D1Database, rootId: number): Promise<MappingRow[]> {
  return (await db.prepare(`${SELECT} WHERE m.root_id = ? ORDER BY m.label, m.fingerprint`).bind(rootId).all<MappingRow>()).results;
}

export async function mappingByKey(db: D1Database, rootId: number, fingerprint: string): Promise<MappingRow | null> {
  return db.prepare(`${SELECT} WHERE m.root_id = ? AND m.fingerprint = ?`).bind(rootId, fingerprint).first<MappingRow>();
}

/** Save or replace: one row per committee and template (the audit event keeps what was replaced). */
export function upsertMapping(db: D1Database, auth: Auth, fingerprint: string, req: SaveMappingRequest, at: string): D1PreparedStatement {
  return db.prepare(
    `INSERT INTO committee_mappings (root_id, fingerprint, label, mapping, token_id, saved_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (root_id, fingerprint) DO UPDATE SET label = excluded.label, mapping = excluded.mapping, token_id = excluded.token_id, saved_at = excluded.saved_at`,
  ).bind(auth.org.root_id, fingerprint, req.label, JSON.stringify(req.mapping), auth.tokenId, at);
}

export function deleteMappingStatement(db: D1Database, rootId: number, fingerprint: string): D1PreparedStatement {
  return db.prepare('DELETE FROM committee_mappings WHERE root_id = ? AND fingerprint = ?').bind(rootId, fingerprint);
}
