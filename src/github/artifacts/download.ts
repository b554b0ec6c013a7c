/**
 * Downloads the selected artifacts of this run or another run into
 * `destination/<artifact-name>/` (docs/recipes/matrix-sharding.md).
 * The files are then read like workspace files (sources.ts → ingestFiles),
 * so matrix shards uploaded as `eval-shard-*` merge into one evaluation set.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../../domain/errors.js';
import { LIMITS } from '../../domain/limits.js';
import type { ZipLimits } from '../../ingest/zip.js';
import { translateFailure, type FailureContext } from './errors.js';
import { placeDownload } from './extract.js';
import { describeScope, type ArtifactClientPort, type ArtifactScope, type ListedArtifact } from './port.js';
import { selectArtifacts } from './select.js';
import type { ArtifactSettings } from '../../config/settings.js';

/** Bounds on one download (security: a pattern such as `*` over a run with thousands of artifacts, zip bombs). */
export interface ArtifactLimits extends ZipLimits {
  /** Artifacts selected at most. */
  maxArtifacts: number;
  /** Sum of the stored sizes the listing reports, checked before anything is downloaded. */
  maxListedBytes: number;
  /** Bytes of files written for all artifacts together. */
  maxExtractedBytes: number;
}

export const ARTIFACT_LIMITS: ArtifactLimits = {
  maxArtifacts: 256,
  maxListedBytes: 2 * 1024 * 1024 * 1024,
  maxExtractedBytes: LIMITS.maxZipBytes,
  maxEntryBytes: LIMITS.maxEntryBytes,
  maxZipBytes: LIMITS.maxZipBytes,
  maxZipEntries: LIMITS.maxZipEntries,
};

export interface DownloadedArtifact {
  name: string;
  id: number;
  /** Absolute: `destination/<name>`. */
  directory: string;
  /** Files placed in `directory`. */
  files: number;
}

export interface DownloadOptions {
  /** Where to put `<artifact-name>/` directories; created if missing. Use a fresh temp dir (RUNNER_TEMP). */
  destination: string;
  /** The artifact service: main.ts passes the real @actions/artifact client (client.ts), tests a fake. */
  client: ArtifactClientPort;
  limits?: Partial<ArtifactLimits>;
}

/** Lists, selects, bounds and downloads; see the module doc. Sequential: a few shards, and each download is bounded. */
export async function downloadArtifacts(settings: ArtifactSettings, opts: DownloadOptions): Promise<{ artifacts: DownloadedArtifact[] }> {
  const limits = { ...ARTIFACT_LIMITS, ...opts.limits };
  const { scope } = settings;
  const { client } = opts;
  const guard = <T>(action: string, fn: () => Promise<T>) => guarded(fn, { action, scope });

  const listed = await guard('listing artifacts', () => client.list(scope));
  const selected = selectArtifacts(settings.selection, listed, scope);
  checkBounds(selected, limits, scope);

  const destination = path.resolve(opts.destination);
  await mkdir(destination, { recursive: true });
  // Inside destination so the final rename stays on one filesystem; `.`-prefixed, and artifact names are checked against it.
  const staging = await mkdtemp(path.join(destination, '.tailgate-staging-'));
  const budget = { used: 0, limit: limits.maxExtractedBytes };
  const artifacts: DownloadedArtifact[] = [];
  try {
    for (const [i, artifact] of selected.entries()) {
      const directory = path.join(destination, checkDirName(artifact.name, staging));
      await mkdir(directory).catch((err: unknown) => {
        // Matched by code, not instanceof Error: fs errors may come from another realm (jest's vm).
        if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST')) throw err;
        throw new Error(
          `${directory} already exists: download into an empty directory (or two artifacts differ only in letter case ` +
            'on a case-insensitive file system)',
        );
      });
      const stage = path.join(staging, String(i));
      await mkdir(stage);
      const action = `downloading artifact '${artifact.name}'`;
      const { digestMismatch } = await guard(action, () => client.download(artifact, scope, stage));
      if (digestMismatch) {
        throw new Error(
          `${action} of ${describeScope(scope)}: the downloaded bytes do not match the artifact's digest ${artifact.digest ?? ''}; ` +
            'the download was corrupted or the artifact altered. Re-run the job; do not gate on these files.',
        );
      }
      const files = await placeDownload(stage, directory, artifact.name, { ...limits, budget });
      artifacts.push({ name: artifact.name, id: artifact.id, directory, files });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { artifacts };
}

function checkBounds(selected: ListedArtifact[], limits: ArtifactLimits, scope: ArtifactScope): void {
  const where = describeScope(scope);
  if (selected.length > limits.maxArtifacts) {
    throw new InputError(
      `The artifact inputs select ${selected.length} artifacts of ${where}, more than the limit of ${limits.maxArtifacts}; ` +
        'narrow `artifact-pattern` or list the names in `artifact-name`.',
    );
  }
  // A listing without sizes cannot be bounded here; extraction is still bounded by maxExtractedBytes.
  const total = selected.reduce((sum, a) => sum + (typeof a.size === 'number' && Number.isFinite(a.size) ? a.size : 0), 0);
  if (total > limits.maxListedBytes) {
    throw new InputError(
      `The selected artifacts of ${where} hold ${total} bytes, more than the limit of ${limits.maxListedBytes}; ` +
        'select fewer artifacts with `artifact-name` or `artifact-pattern`.',
    );
  }
}

/** Names become directory names: refuse the few a server could send that would not stay one directory below destination. */
function checkDirName(name: string, staging: string): string {
  if (name === '' || name === '.' || name === '..' || /[\\/\0]/.test(name) || name === path.basename(staging)) {
    throw new InputError(`artifact '${name}' of the listing cannot be used as a directory name; rename the artifact`);
  }
  return name;
}

async function guarded<T>(fn: () => Promise<T>, ctx: FailureContext): Promise<T> {
  try {
    return await fn(); // await inside try: an async rejection must reach the catch
  } catch (err) {
    // Our own InputErrors (the client's runtime check) already say what to do.
    if (err instanceof InputError) throw err;
    throw translateFailure(err, ctx);
  }
}
