/**
 * The one place a committee's settings are read from D1: submissions re-check with them, the
 * settings route answers them, the report prints by them.
 */
import { CommitteeSettingsSchema, DEFAULT_SETTINGS, type CommitteeSettings } from '../../../shared/settings';

/** The statement that reads a committee's stored settings (for a batch; parse with readSettingsJson). */
export function settingsStatement(db: D1Database, rootId: number): D1PreparedStatement {
  return db.prepare('SELECT json FROM settings WHERE root_id = ?').bind(rootId);
}

/** Stored JSON over the defaults; a row written by an older version still parses. */
export function readSettingsJson(json: string | null | undefined): CommitteeSettings {
  if (!json) return { ...DEFAULT_SETTINGS };
  const parsed = CommitteeSettingsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

export async function committeeSettings(db: D1Database, rootId: number): Promise<CommitteeSettings> {
  const row = await settingsStatement(db, rootId).first<{ json: string }>();
  return readSettingsJson(row?.json);
}

/** The statement that replaces a committee's settings (run inside an audited batch). */
export function saveSettingsStatement(db: D1Database, rootId: number, settings: CommitteeSettings, at: string): D1PreparedStatement {
  return db.prepare('INSERT INTO settings (root_id, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(root_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at')
    .bind(rootId, JSON.stringify(settings), at);
}
