// Types of scripts/build-wps.mjs (a plain ESM build script) for its test.
export declare const ADDON_NAME: string;
export declare const DEV_ORIGIN: string;
export declare function addonUrl(origin: string): string;
export declare function jspluginsXml(url: string, name?: string): string;
export declare function offlineJspluginsXml(sevenZipUrl: string, version: string, name?: string): string;
export declare function publishPackage(version: string, name?: string): string;
export declare function mainJs(source: string, origin: string): string;
export declare function buildWps(o?: { dist?: string; origin?: string }): { out: string; pub: string; offline: string; url: string };
