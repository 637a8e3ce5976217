/**
 * A return reaches the clerk (issue 12): the branch-quarter's latest revision, when finance
 * returned it, with the note, who returned it and when — read from the history the worker
 * keeps, again whenever the quarter changes or a submission was answered.
 */
import { useEffect, useState } from 'react';
import type { ApiClient, WhoAmI } from '../api/client';

export interface ReturnNote {
  quarter: string;
  revision: number;
  note: string | null;
  by: string | null;
  at: string;
}

export function useReturnNote(client: ApiClient | null, who: WhoAmI | null, quarter: string, refresh: unknown): ReturnNote | null {
  const [found, setFound] = useState<(ReturnNote & { branch: string }) | null>(null);
  useEffect(() => {
    if (!client || who?.role !== 'clerk') return;
    const branch = who.org.code;
    let live = true;
    client.history(branch, quarter).then(
      (h) => {
        if (!live) return;
        const rev = h.revisions.find((r) => r.revision === h.current.revision);
        const review = h.current.status === 'returned' ? rev?.reviews.filter((r) => r.action === 'returned').at(-1) : undefined;
        setFound(review ? { branch, quarter, revision: h.current.revision, note: review.note, by: review.by ?? null, at: review.at } : null);
      },
      // Nothing submitted yet (404), or offline: no return to show.
      () => live && setFound(null),
    );
    return () => {
      live = false;
    };
  }, [client, who, quarter, refresh]);
  // Only the answer about the quarter and branch on screen (an older answer is not shown meanwhile).
  if (!found || found.quarter !== quarter || found.branch !== who?.org.code || who?.role !== 'clerk') return null;
  const { branch: _branch, ...note } = found;
  return note;
}
