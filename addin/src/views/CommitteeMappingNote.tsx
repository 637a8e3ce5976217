/** Says which sheets were read with the committee's saved columns, and who saved them (issue 12). */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { AppliedTemplate } from '../../../shared/mapping/fingerprint';
import { cw } from '../i18n/clerkWords';
import { useI18n } from '../i18n/i18n';

export function CommitteeMappingNote({ applied }: { applied: readonly AppliedTemplate[] }) {
  const { lang } = useI18n();
  if (!applied.length) return null;
  // One line per template: several sheets of one template (one per month or member) share it.
  const byTemplate = new Map<string, AppliedTemplate[]>();
  for (const a of applied) byTemplate.set(a.fingerprint, [...(byTemplate.get(a.fingerprint) ?? []), a]);
  return (
    <>
      {[...byTemplate.values()].map((list) => (
        <MessageBar key={list[0]!.fingerprint} intent="info">
          <MessageBarBody>
            {cw(lang, 'mappingCommitteeUsed', {
              sheets: list.map((a) => a.sheet).join('、'), label: list[0]!.label, by: list[0]!.savedBy ?? cw(lang, 'returnedSomeone'),
            })}
          </MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
