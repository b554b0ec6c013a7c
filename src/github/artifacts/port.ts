/**
 * The narrow seam between tailgate and the artifact service. download.ts
 * talks only to {@link ArtifactClientPort}; client.ts adapts the real
 * `@actions/artifact` client to it (main.ts builds it once, with the token),
 * and unit tests pass a few-line fake.
 */

import type { ArtifactScope } from '../../config/settings.js';

export type { ArtifactScope };

/** One artifact as the listing reports it. */
export interface ListedArtifact {
  name: string;
  id: number;
  /** Bytes as stored (the zip), when the listing says; used to bound the download before it starts. */
  size?: number;
  /** `sha256:<hex>` of the stored bytes, computed at upload; absent for old artifacts. */
  digest?: string;
}

export interface ArtifactClientPort {
  /** Every artifact of the scope's run, the newest per name (re-runs re-upload under the same name). */
  list(scope: ArtifactScope): Promise<ListedArtifact[]>;
  /**
   * Saves the artifact's stored bytes, NOT extracted, as one file inside
   * `directory` (which exists and is empty). Extraction is ours (extract.ts),
   * so it obeys LIMITS. `digestMismatch` is true when the artifact has a
   * digest and the downloaded bytes do not hash to it.
   */
  download(artifact: ListedArtifact, scope: ArtifactScope, directory: string): Promise<{ digestMismatch: boolean }>;
}

/** "this run" or "run 42 of owner/repo", for messages. */
export function describeScope(scope: ArtifactScope): string {
  return scope.kind === 'this-run' ? 'this workflow run' : `run ${scope.runId} of ${scope.owner}/${scope.repo}`;
}
