/**
 * A small fake of the GitHub REST + GraphQL API on 127.0.0.1, holding its state
 * in the server (not in module mocks) so that unit tests can drive the real
 * Octokit at it and end-to-end tests can spawn `node dist/index.js` with
 * `GITHUB_API_URL=<fake.url>`.
 *
 * Implemented (the shapes follow GitHub's REST docs; only fields our code or a
 * reader of the log needs):
 * - GET    /repos/{o}/{r}/issues/{n}/comments   `per_page` (default 30, max 100), `page`, `Link` rel=next/last/prev/first
 * - POST   /repos/{o}/{r}/issues/{n}/comments   201
 * - PATCH  /repos/{o}/{r}/issues/comments/{id}  200
 * - DELETE /repos/{o}/{r}/issues/comments/{id}  204
 * - POST   /graphql                             `query { viewer { login } }` only
 * - GET    /repos/{o}/{r}/commits/{sha}/pulls   PRs whose head is sha, except fork PRs (GitHub answers [] for a commit only in a fork)
 * - GET    /repos/{o}/{r}/pulls?head=owner:branch&state=open
 * - GET    /repos/{o}/{r}/actions/workflows/{w}/runs   always no runs (a baseline lookup; faults make it fail)
 * Faults are injected per route (status and body, HTML pages, delay, hang,
 * "fail the first N", "store the create, then drop the connection").
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteName =
  'listComments' | 'createComment' | 'updateComment' | 'deleteComment' | 'graphql' | 'commitPulls' | 'listPulls' | 'workflowRuns';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  headSha: string;
  headRef: string;
  /** `owner/name` of the head repository; differs from the base for forks. */
  headRepo: string;
}

export interface Fault {
  /** Answer with this status (omit with `commitThenDrop`/`hang`). */
  status?: number;
  /** A string is sent as is (with `contentType`, default text/html); anything else as JSON. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Wait this long, then answer normally (or with `status`). */
  delayMs?: number;
  /** Never answer; the connection stays open until the client gives up or close(). */
  hang?: boolean;
  /** Do the route's normal work (store the comment), then destroy the socket without an answer. */
  commitThenDrop?: boolean;
  /** Put the request's Authorization header into the error body (to test that messages are redacted). */
  echoAuthorization?: boolean;
  /** Apply to the first N matching requests only; later ones succeed. Default: all. */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  route: RouteName | 'unknown';
  /** The status sent, or what happened instead. */
  outcome: number | 'dropped' | 'hung';
  hadAuthorization: boolean;
  /** For a hung request: set once the client closes the connection (it gave up), which a hang never does by itself. */
  abandoned?: boolean;
}

export interface FakeGitHubOptions {
  /** What GraphQL `viewer.login` answers (default `github-actions`, as for GITHUB_TOKEN: no `[bot]`). */
  viewerLogin?: string;
  /** Author of comments the API creates (default `${viewerLogin}[bot]`, as REST shows GITHUB_TOKEN's comments). */
  commentAuthor?: string;
  /** When set, requests without `token <this>` get 401 Bad credentials. */
  token?: string;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:<port>`, the value for GITHUB_API_URL. */
  url: string;
  log: LoggedRequest[];
  /** Seeds a comment (e.g. another author's, or an older one of ours). */
  addComment(repo: string, issue: number, body: string, login: string): FakeComment;
  comments(repo: string, issue: number): FakeComment[];
  addPull(repo: string, pull: FakePull): void;
  fault(route: RouteName, fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Comment timestamps: a fixed start plus one second per comment, so order is deterministic. */
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const viewerLogin = options.viewerLogin ?? 'github-actions';
  const author = options.commentAuthor ?? `${viewerLogin}[bot]`;
  const commentsByIssue = new Map<string, FakeComment[]>();
  const pullsByRepo = new Map<string, FakePull[]>();
  const faults = new Map<RouteName, Fault & { used: number }>();
  const log: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1000;
  let baseUrl = '';

  const issueKey = (repo: string, issue: number) => `${repo.toLowerCase()}#${issue}`;
  const issueComments = (repo: string, issue: number): FakeComment[] => {
    const key = issueKey(repo, issue);
    let list = commentsByIssue.get(key);
    if (!list) commentsByIssue.set(key, (list = []));
    return list;
  };
  const newComment = (repo: string, issue: number, body: string, login: string): FakeComment => {
    const id = nextId++;
    const at = new Date(EPOCH + id * 1000).toISOString();
    const comment: FakeComment = {
      id,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      html_url: `https://github.com/${repo}/pull/${issue}#issuecomment-${id}`,
      created_at: at,
      updated_at: at,
    };
    issueComments(repo, issue).push(comment);
    return comment;
  };
  const findComment = (repo: string, id: number): FakeComment[] | undefined => {
    for (const [key, list] of commentsByIssue) {
      if (key.startsWith(`${repo.toLowerCase()}#`) && list.some((c) => c.id === id)) return list;
    }
    return undefined;
  };

  /** GitHub-style page of `items` with a Link header of absolute URLs. */
  const paginate = (url: URL, items: unknown[]): Answer => {
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number, rel: string) => {
      const u = new URL(url.pathname + url.search, baseUrl);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    const body = items.slice((page - 1) * perPage, page * perPage);
    return { status: 200, body, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  };

  const pullJson = (repo: string, p: FakePull) => ({
    number: p.number,
    state: p.state,
    html_url: `https://github.com/${repo}/pull/${p.number}`,
    head: {
      sha: p.headSha,
      ref: p.headRef,
      label: `${p.headRepo.split('/')[0]}:${p.headRef}`,
      repo: { full_name: p.headRepo },
    },
    base: { ref: 'main', repo: { full_name: repo } },
  });

  type Handler = (m: RegExpMatchArray, url: URL, body: unknown) => Answer;
  const routes: [string, RegExp, RouteName, Handler][] = [
    [
      'GET',
      /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      'listComments',
      (m, url) => paginate(url, issueComments(m[1], Number(m[2]))),
    ],
    [
      'POST',
      /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/,
      'createComment',
      (m, _u, body) => {
        const text = field(body, 'body');
        if (text === undefined) return { status: 422, body: { message: 'Validation Failed' } };
        return { status: 201, body: newComment(m[1], Number(m[2]), text, author) };
      },
    ],
    [
      'PATCH',
      /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/,
      'updateComment',
      (m, _u, body) => {
        const comment = findComment(m[1], Number(m[2]))?.find((c) => c.id === Number(m[2]));
        const text = field(body, 'body');
        if (!comment) return { status: 404, body: { message: 'Not Found' } };
        if (text === undefined) return { status: 422, body: { message: 'Validation Failed' } };
        comment.body = text;
        comment.updated_at = new Date(EPOCH + nextId++ * 1000).toISOString();
        return { status: 200, body: comment };
      },
    ],
    [
      'DELETE',
      /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/,
      'deleteComment',
      (m) => {
        const list = findComment(m[1], Number(m[2]));
        if (!list) return { status: 404, body: { message: 'Not Found' } };
        list.splice(
          list.findIndex((c) => c.id === Number(m[2])),
          1,
        );
        return { status: 204 };
      },
    ],
    [
      'POST',
      /^\/graphql$/,
      'graphql',
      (_m, _u, body) => {
        const query = field(body, 'query') ?? '';
        if (!/\bviewer\s*\{\s*login\s*\}/.test(query)) {
          return { status: 200, body: { errors: [{ message: 'the fake only answers viewer { login }' }] } };
        }
        return { status: 200, body: { data: { viewer: { login: viewerLogin } } } };
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)\/pulls$/,
      'commitPulls',
      (m, url) => {
        const repo = m[1];
        // GitHub answers [] for a commit that exists only in a fork.
        const hits = (pullsByRepo.get(repo.toLowerCase()) ?? []).filter(
          (p) => p.headSha === m[2] && p.headRepo.toLowerCase() === repo.toLowerCase(),
        );
        return paginate(
          url,
          hits.map((p) => pullJson(repo, p)),
        );
      },
    ],
    [
      'GET',
      /^\/repos\/([^/]+\/[^/]+)\/pulls$/,
      'listPulls',
      (m, url) => {
        const repo = m[1];
        const head = url.searchParams.get('head');
        const state = url.searchParams.get('state') ?? 'open';
        const hits = (pullsByRepo.get(repo.toLowerCase()) ?? []).filter(
          (p) =>
            (state === 'all' || p.state === state) &&
            (head === null || `${p.headRepo.split('/')[0]}:${p.headRef}`.toLowerCase() === head.toLowerCase()),
        );
        return paginate(
          url,
          hits.map((p) => pullJson(repo, p)),
        );
      },
    ],
    [
      'GET',
      /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/[^/]+\/runs$/,
      'workflowRuns',
      () => ({ status: 200, body: { total_count: 0, workflow_runs: [] } }),
    ],
  ];

  const send = (res: ServerResponse, answer: Answer, contentType?: string) => {
    const headers: Record<string, string> = { ...answer.headers };
    let payload = '';
    if (answer.body !== undefined) {
      if (typeof answer.body === 'string') {
        payload = answer.body;
        headers['content-type'] = contentType ?? 'text/html; charset=utf-8';
      } else {
        payload = JSON.stringify(answer.body);
        headers['content-type'] = 'application/json; charset=utf-8';
      }
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = req.method ?? 'GET';
    const authorization = req.headers.authorization ?? '';
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      route: 'unknown',
      outcome: 0,
      hadAuthorization: authorization !== '',
    };
    log.push(entry);
    const reply = (answer: Answer, contentType?: string) => {
      entry.outcome = answer.status;
      send(res, answer, contentType);
    };
    const matched = routes.find(([m, re]) => m === method && re.test(url.pathname));
    if (!matched) return reply({ status: 404, body: { message: 'Not Found' } });
    const [, re, route, handler] = matched;
    entry.route = route;
    if (options.token !== undefined && authorization !== `token ${options.token}`) {
      return reply({ status: 401, body: { message: 'Bad credentials' } });
    }
    let body: unknown;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return reply({ status: 400, body: { message: 'Problems parsing JSON' } });
    }
    const run = () => handler(url.pathname.match(re)!, url, body);
    const fault = faults.get(route);
    const active = fault !== undefined && (fault.times === undefined || fault.used < fault.times);
    if (!active) return reply(run());
    fault.used++;
    if (fault.hang) {
      entry.outcome = 'hung';
      res.on('close', () => (entry.abandoned = true));
      return;
    }
    const act = () => {
      if (fault.commitThenDrop) {
        run();
        entry.outcome = 'dropped';
        req.socket.destroy();
        return;
      }
      if (fault.status === undefined) return reply(run());
      let faultBody = fault.body;
      if (fault.echoAuthorization) faultBody = `upstream error; request had Authorization: ${authorization}`;
      reply({ status: fault.status, body: faultBody, headers: fault.headers }, fault.contentType);
    };
    if (fault.delayMs === undefined) return act();
    const timer = setTimeout(() => {
      timers.delete(timer);
      act();
    }, fault.delayMs);
    timers.add(timer);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address: string | AddressInfo | null = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake GitHub: no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: baseUrl,
    log,
    addComment: (repo, issue, body, login) => newComment(repo, issue, body, login),
    comments: (repo, issue) => [...issueComments(repo, issue)],
    addPull: (repo, pull) => {
      const key = repo.toLowerCase();
      pullsByRepo.set(key, [...(pullsByRepo.get(key) ?? []), pull]);
    },
    fault: (route, fault) => faults.set(route, { ...fault, used: 0 }),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        // Hung requests keep their sockets open; end them so close() returns.
        server.closeAllConnections();
      }),
  };
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(name in body)) return undefined;
  const value: unknown = Reflect.get(body, name);
  return typeof value === 'string' ? value : undefined;
}

/** Canned faults as GitHub sends them. */
export const faults = {
  /** A 502 from GitHub's front end: an HTML page, which Octokit turns into the error message verbatim. */
  badGatewayHtml: (times?: number): Fault => ({
    status: 502,
    body:
      '<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title>\n<style>body{font-family:sans-serif}</style></head>\n' +
      '<body>\n<h1>Unicorn!</h1>\n<p>We had issues producing the response to your request.</p>\n<p>Sorry about that.</p>\n</body>\n</html>\n',
    times,
  }),
  /** The 422 GitHub sends for a body over its limit. */
  tooLong: (): Fault => ({
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    },
  }),
  /** GITHUB_TOKEN on a fork PR or without `pull-requests: write`. */
  forbidden: (): Fault => ({
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    },
  }),
  /** Primary rate limit: 403 with x-ratelimit-remaining 0 and a reset time `resetInSeconds` away. */
  rateLimited: (resetInSeconds: number, times?: number): Fault => ({
    status: 403,
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
    },
    headers: {
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
    },
    times,
  }),
  /** Secondary rate limit: 403 with a retry-after header. */
  secondaryRateLimited: (retryAfterSeconds: number, times?: number): Fault => ({
    status: 403,
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
    headers: { 'retry-after': String(retryAfterSeconds) },
    times,
  }),
};

/**
 * The environment a GitHub runner gives a step, pointed at the fake. Pass it
 * to publishComment, or as the env of a spawned `node dist/index.js`.
 */
export function actionsEnv(args: {
  apiUrl: string;
  eventName: string;
  eventPath: string;
  sha?: string;
  repository?: string;
  workflow?: string;
  job?: string;
}): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_API_URL: args.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: args.repository ?? 'octo-org/octo-repo',
    GITHUB_EVENT_NAME: args.eventName,
    GITHUB_EVENT_PATH: args.eventPath,
    // On pull_request GITHUB_SHA is the test merge commit, never the PR head: keep them distinct.
    GITHUB_SHA: args.sha ?? 'fefefefefefefefefefefefefefefefefefefefe',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: args.workflow ?? 'evals',
    GITHUB_JOB: args.job ?? 'gate',
  };
}
