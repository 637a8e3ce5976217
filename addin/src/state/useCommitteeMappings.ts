/**
 * The committee's column mappings (issue 12): any signed-in pane fetches them at sign-in, so a
 * sheet of a template finance has mapped is read without asking the clerk; finance or an
 * administrator of the 党委 saves the mapping on screen for every branch using that template.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Grid } from '../../../shared/grid';
import { listMappings, saveMapping } from '../../../shared/api/mappings-client';
import { templateBody } from '../../../shared/api/mappings';
import { sheetFingerprint, templateOf, type CommitteeTemplate } from '../../../shared/mapping/fingerprint';
import type { SheetMapping } from '../../../shared/recognise/mapping';
import type { ApiClient, WhoAmI } from '../api/client';

const NONE: readonly CommitteeTemplate[] = [];

/** Thrown when the header row the clerk chose has too few words to be a template. */
export class NoTemplateError extends Error {}

export function useCommitteeMappings(client: ApiClient | null, who: WhoAmI | null) {
  const [found, setFound] = useState<{ client: ApiClient; list: readonly CommitteeTemplate[] } | null>(null);
  const canSave = !!who && (who.role === 'finance' || who.role === 'admin') && who.org.kind === '党委';

  useEffect(() => {
    if (!client || !who) return;
    let live = true;
    listMappings(client.shared).then(
      (a) => live && setFound({ client, list: a.mappings }),
      // Optional: without them the workbook's own mapping and the checker's guess apply.
      () => live && setFound({ client, list: NONE }),
    );
    return () => {
      live = false;
    };
  }, [client, who]);
  // Only the answer for the token signed in now (signed out: none).
  const templates = client && who && found?.client === client ? found.list : NONE;

  /** Saves the sheet's mapping for the committee; answers the saved label. */
  const save = useCallback(
    async (grid: Grid, m: SheetMapping, label: string): Promise<string> => {
      if (!client) throw new Error('not signed in');
      const fingerprint = sheetFingerprint(grid, m.headerRow);
      if (!fingerprint) throw new NoTemplateError(`row ${m.headerRow + 1} holds too few header words to identify the template`);
      const { mapping } = await saveMapping(client.shared, fingerprint, { label, mapping: templateBody(templateOf(m)) });
      setFound((f) => ({ client, list: [...(f?.client === client ? f.list : NONE).filter((t) => t.fingerprint !== fingerprint), mapping] }));
      return mapping.label;
    },
    [client],
  );

  return { templates, canSave, save: canSave ? save : null };
}
