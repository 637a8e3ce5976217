/**
 * The hash of a member's (compacted) name that the register's name index files it under
 * (register/name-index.ts). The roster reader takes it while the name is in hand, so the index,
 * built later for the few register rows no ID finds, need not read every name again (issue 14).
 */
import { codeAt } from '../cell-text';

/** FNV-1a over the UTF-16 code units (names are a few characters); never 0, which means no name. */
export function nameHash(s: string): number {
  let h = 0x811c9dc5;
  const n = s.length;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ codeAt(s, i), 0x01000193);
  return (h ^ (h >>> 15)) || 1;
}
