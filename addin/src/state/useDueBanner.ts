/**
 * The clerk's deadline banner: a quarter due within a week (or overdue) that the server has no
 * revision of yet. It asks the server, not the browser's memory, whether the quarter is in.
 */
import { useEffect, useState } from 'react';
import type { ApiClient, WhoAmI } from '../api/client';
import { dateText, daysUntil, isDueSoon, quarterDeadline } from '../../../shared/deadline';

export interface DueBanner { quarter: string; text: string; overdue: boolean }

export function useDueBanner(
  client: ApiClient | null, who: WhoAmI | null, quarter: string, rules: { deadlineDay: number; deadlines: Record<string, string> }, today: string,
): DueBanner | null {
  const [banner, setBanner] = useState<DueBanner | null>(null);
  useEffect(() => {
    let live = true;
    if (!client || who?.role !== 'clerk' || !isDueSoon(quarter, rules, today)) {
      void Promise.resolve().then(() => live && setBanner(null));
      return () => { live = false; };
    }
    client.latestReceipt(who.org.code, quarter).then((r) => {
      if (!live) return;
      const date = quarterDeadline(quarter, rules);
      setBanner(r ? null : { quarter, text: dateText(date), overdue: daysUntil(date, today) < 0 });
    }, () => live && setBanner(null));
    return () => { live = false; };
  }, [client, who, quarter, rules, today]);
  return banner;
}
