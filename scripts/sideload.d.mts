// Types of scripts/sideload.mjs (a plain ESM launcher module) for its test.
export declare const MANIFEST: string;
export declare function findTool(repo: string, exists?: (p: string) => boolean): string | null;
export type SideloadPlan = { sideload: true; start: string[]; stop: string[] } | { sideload: false; reason: string };
export declare function sideloadPlan(o: {
  platform: string;
  env: Record<string, string | undefined>;
  tool: string | null;
  node: string;
  manifest?: string;
  port?: number;
}): SideloadPlan;
export declare function explainNoSideload(reason: string): string;
