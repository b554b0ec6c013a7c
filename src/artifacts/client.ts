/**
 * The real {@link ArtifactClientPort}: `@actions/artifact`'s DefaultArtifactClient.
 *
 * - This run: Twirp calls to ACTIONS_RESULTS_URL with the job's
 *   ACTIONS_RUNTIME_TOKEN (a JWT whose `scp` claim names the run and job),
 *   then a GET of the signed blob URL the service returns.
 * - Another run (`findBy`): REST under GITHUB_API_URL with the github-token,
 *   `GET .../actions/runs/{run}/artifacts` (paginated) and
 *   `GET .../actions/artifacts/{id}/zip`, which redirects to a blob URL.
 *
 * Import-time effects of the library: `@actions/github` fixes its REST base
 * URL from GITHUB_API_URL, and the listing fixes its page cap from
 * ACTIONS_ARTIFACT_MAX_ARTIFACT_COUNT, both when first imported. The runtime
 * token and results URL are read per call.
 */
import { DefaultArtifactClient, type FindOptions } from '@actions/artifact';
import type { ArtifactClientPort, ArtifactScope, ListedArtifact } from './port.js';

export function actionsArtifactClient(): ArtifactClientPort {
  const client = new DefaultArtifactClient();
  return {
    async list(scope) {
      // latest: a re-run attempt re-uploads under the same name; keep the newest, as download-artifact does.
      const { artifacts } = await client.listArtifacts({ latest: true, ...findOptions(scope) });
      return artifacts.map((a): ListedArtifact => ({ name: a.name, id: a.id, size: a.size, digest: a.digest }));
    },
    async download(artifact, scope, directory) {
      // skipDecompress: the library would unzip with unzip-stream, unbounded; extract.ts unzips under LIMITS.
      const { digestMismatch } = await client.downloadArtifact(artifact.id, {
        path: directory,
        skipDecompress: true,
        expectedHash: artifact.digest,
        ...findOptions(scope),
      });
      return { digestMismatch: digestMismatch === true };
    },
  };
}

function findOptions(scope: ArtifactScope): FindOptions {
  if (scope.kind === 'this-run') return {};
  return {
    findBy: { token: scope.token, workflowRunId: scope.runId, repositoryOwner: scope.owner, repositoryName: scope.repo },
  };
}
