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
  const [templates, setTemplates] = useState<readonly CommitteeTemplate[]>(NONE);
  const canSave = !!who && (who.role === 'finance' || who.role === 'admin') && who.org.kind === '党委';

  useEffect(() => {
    if (!client || !who) {
      setTemplates(NONE);
      return;
    }
    let live = true;
    listMappings(client.shared).then(
      (a) => live && setTemplates(a.mappings),
      // Optional: without them the workbook's own mapping and the checker's guess apply.
      () => live && setTemplates(NONE),
    );
    return () => {
      live = false;
    };
  }, [client, who]);

  /** Saves the sheet's mapping for the committee; answers the saved label. */
  const save = useCallback(
    async (grid: Grid, m: SheetMapping, label: string): Promise<string> => {
      if (!client) throw new Error('not signed in');
      const fingerprint = sheetFingerprint(grid, m.headerRow);
      if (!fingerprint) throw new NoTemplateError(`row ${m.headerRow + 1} holds too few header words to identify the template`);
      const { mapping } = await saveMapping(client.shared, fingerprint, { label, mapping: templateBody(templateOf(m)) });
      setTemplates((list) => [...list.filter((t) => t.fingerprint !== fingerprint), mapping]);
      return mapping.label;
    },
    [client],
  );

  return { templates, canSave, save: canSave ? save : null };
}
