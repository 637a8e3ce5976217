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
  const [found, setFound] = useState<ReturnNote | null>(null);
  useEffect(() => {
    setFound(null);
    if (!client || who?.role !== 'clerk') return;
    let live = true;
    client.history(who.org.code, quarter).then(
      (h) => {
        if (!live || h.current.status !== 'returned') return;
        const rev = h.revisions.find((r) => r.revision === h.current.revision);
        const review = rev?.reviews.filter((r) => r.action === 'returned').at(-1);
        if (review) setFound({ quarter, revision: h.current.revision, note: review.note, by: review.by ?? null, at: review.at });
      },
      // Nothing submitted yet (404), or offline: no return to show.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, who, quarter, refresh]);
  return found;
}
