/**
 * One loopback "api.github.com" for end-to-end runs of the bundle that need
 * several GitHub APIs at once (the recipes in examples/workflows/): a step
 * has a single GITHUB_API_URL, while the fakes are split by job —
 * fake-artifact-service.ts (artifact REST + Twirp + blobs) and fake-github.ts
 * (PR comments, GraphQL, pulls). This router serves the one route neither
 * has, `GET /repos/{o}/{r}/actions/workflows/{workflow}/runs` (a baseline's
 * run lookup), from its own table, forwards artifact REST routes to the
 * artifact fake and everything else to the GitHub fake. Twirp and blob
 * traffic goes to the artifact fake directly (ACTIONS_RESULTS_URL, and the
 * absolute URLs it hands out).
 *
 * One token for everything: the artifact fake's `restToken`, which the
 * GitHub fake is also started with, so a request without it fails with 401.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeArtifactService } from './fake-artifact-service.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

/** A run as `GET …/actions/workflows/{id}/runs` lists it (the fields src/action/baseline-ports.ts reads). */
export interface FakeWorkflowRun {
  /** The workflow file name the run belongs to (`baseline.yml`). */
  workflow: string;
  id: number;
  runNumber: number;
  branch: string;
  event: string;
  conclusion: 'success' | 'failure';
  headSha: string;
  /** `owner/name` of the head repository (a fork's for fork PRs). */
  headRepository: string;
}

const ARTIFACT_REST = /^\/repos\/[^/]+\/[^/]+\/actions\/(?:runs\/\d+\/artifacts|artifacts\/\d+\/zip)$/;
const WORKFLOW_RUNS = /^\/repos\/([^/]+\/[^/]+)\/actions\/workflows\/([^/]+)\/runs$/;

export class FakeActionsApi {
  workflowRuns: FakeWorkflowRun[] = [];
  /** Paths of requests this router answered or forwarded, in order. */
  readonly paths: string[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly artifacts: FakeArtifactService,
    readonly github: FakeGitHub,
  ) {}

  static async start(): Promise<FakeActionsApi> {
    const artifacts = await FakeArtifactService.start();
    const github = await startFakeGitHub({ token: artifacts.restToken });
    const server = http.createServer();
    const api = new FakeActionsApi(server, artifacts, github);
    server.on('request', (req, res) => void api.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    const address: AddressInfo | string | null = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('the fake Actions API is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  /** The token every fake accepts (what `github.token` stands for in the recipes). */
  get token(): string {
    return this.artifacts.restToken;
  }

  /** The runner variables that point a step at the fakes (GITHUB_API_URL at this router). */
  env(): Record<string, string> {
    return { ...this.artifacts.env(), GITHUB_API_URL: this.url };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
    await this.github.close();
    await this.artifacts.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const url = new URL(req.url ?? '/', this.url);
    this.paths.push(url.pathname);
    const runs = WORKFLOW_RUNS.exec(url.pathname);
    if (req.method === 'GET' && runs !== null) return this.listRuns(req, res, runs[1], decodeURIComponent(runs[2]), url);
    const target = ARTIFACT_REST.test(url.pathname) ? this.artifacts.url : this.github.url;
    return forward(req, res, Buffer.concat(chunks), new URL(url.pathname + url.search, target));
  }

  /** `GET …/actions/workflows/{workflow}/runs?branch&status&per_page&page`, newest first, as GitHub lists them. */
  private listRuns(req: http.IncomingMessage, res: http.ServerResponse, repo: string, workflow: string, url: URL): void {
    if (req.headers.authorization !== `token ${this.token}`) return json(res, 401, { message: 'Bad credentials' });
    const branch = url.searchParams.get('branch');
    const status = url.searchParams.get('status');
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const all = this.workflowRuns
      .filter((r) => r.workflow === workflow && (branch === null || r.branch === branch) && (status === null || r.conclusion === status))
      .sort((a, b) => b.id - a.id);
    json(res, 200, {
      total_count: all.length,
      workflow_runs: all.slice((page - 1) * perPage, page * perPage).map((r) => ({
        id: r.id,
        run_number: r.runNumber,
        head_branch: r.branch,
        head_sha: r.headSha,
        event: r.event,
        status: 'completed',
        conclusion: r.conclusion,
        html_url: `https://github.com/${repo}/actions/runs/${r.id}`,
        head_repository: { full_name: r.headRepository },
      })),
    });
  }
}

/** Sends the request on to `target` and copies the answer back, status, headers and body. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, target: URL): Promise<void> {
  return new Promise((resolve) => {
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => resolve());
    });
    upstream.on('error', (err) => {
      json(res, 502, { message: `fake Actions API: forwarding failed: ${err.message}` });
      resolve();
    });
    upstream.end(body);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
