/**
 * Which files to read: workspace globs, or the files of downloaded artifacts
 * (from this run or another), which `results` and the policy's `files`
 * groups then filter. Several artifacts — matrix shards — become one
 * evaluation set: ingest reads every file into one accumulator, so shards
 * add up per query. The groups (source-groups.ts) say which format and
 * mapping read each file.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadArtifacts } from '../github/artifacts/download.js';
import type { ArtifactClientPort } from '../github/artifacts/port.js';
import { artifactGroupFiles } from '../sources/artifact-files.js';
import type { Settings } from '../config/settings.js';
import { InputError } from '../domain/errors.js';
import type { SourceGroup } from '../domain/byte-source.js';
import { groupSpecs, RESULTS_LABEL } from '../config/groups.js';
import { fileSource } from '../sources/file-source.js';
import { workspaceGroups } from '../sources/groups.js';
import { log } from './log.js';

export interface ArtifactEdge {
  /** The artifact service (main.ts builds the real client once). */
  client: ArtifactClientPort;
  /** Directory for the download's own temporary directory (the runner's RUNNER_TEMP). */
  tempDir: string;
}

export async function sourceGroups(settings: Settings, workspace: string, edge: ArtifactEdge): Promise<SourceGroup[]> {
  const { artifacts } = settings;
  const specs = groupSpecs(settings);
  if (artifacts === null) {
    if (specs.length === 0) {
      throw new InputError(
        'Input `results` is required: give one or more globs of result files, one per line (or `artifact-name` / `artifact-pattern` to read artifacts, or a `files` section in the policy).',
      );
    }
    return workspaceGroups(specs, workspace);
  }
  const destination = await mkdtemp(join(edge.tempDir, 'tailgate-artifacts-'));
  const { artifacts: downloaded } = await downloadArtifacts(artifacts, { destination, client: edge.client });
  // Artifact names are chosen by whoever uploaded them: log.info neutralises them.
  log.info(`tailgate: read ${downloaded.length} artifact(s): ${downloaded.map((a) => `${a.name} (${a.files} files)`).join(', ')}`);
  // Neither `results` nor policy groups: every file of the artifacts, read with the inputs' format and mapping, as before.
  const used = specs.length > 0 ? specs : [{ label: RESULTS_LABEL, patterns: [], format: settings.format, mapping: settings.mapping }];
  const files = await artifactGroupFiles(
    downloaded,
    used.map((spec) => ({ label: spec.label, patterns: spec.patterns })),
  );
  return used.map((spec, i) => ({
    label: spec.label,
    files: (files[i] ?? []).map(fileSource),
    format: spec.format,
    mapping: spec.mapping,
  }));
}
