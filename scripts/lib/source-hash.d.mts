// Types for scripts/lib/source-hash.mjs, so the TypeScript test helpers can check the bundle's sources.

export const STAMP_PATH: string;
export function sourceHash(root: string): string;
