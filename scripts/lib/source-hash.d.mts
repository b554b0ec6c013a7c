// Types for scripts/lib/source-hash.mjs, so the TypeScript test helpers can check the bundles against src/.

export const STAMP_PATH: string;
export const BUNDLES: string[];
export function bundleFiles(root: string): string[];
export function sourceHash(root: string): string;
export function buildRecord(root: string): string;
