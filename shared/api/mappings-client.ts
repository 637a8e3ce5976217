/** A committee's column mappings through the one client (client.ts); answers parsed with mappings.ts. */
import { z } from 'zod';
import type { DuesbookClient } from './client';
import { CommitteeMappingSchema, CommitteeMappingsAnswerSchema, type SaveMappingRequest } from './mappings';

export async function listMappings(c: DuesbookClient) {
  return (await c.request('GET', '/api/mappings', CommitteeMappingsAnswerSchema)).data;
}
/** Saves or replaces; `created` says which (201 or 200). */
export async function saveMapping(c: DuesbookClient, fingerprint: string, body: SaveMappingRequest) {
  const a = await c.request('PUT', `/api/mappings/${encodeURIComponent(fingerprint)}`, CommitteeMappingSchema, { body });
  return { mapping: a.data, created: a.status === 201 };
}
export async function deleteMapping(c: DuesbookClient, fingerprint: string) {
  await c.request('DELETE', `/api/mappings/${encodeURIComponent(fingerprint)}`, z.object({ deleted: z.literal(true) }));
}
