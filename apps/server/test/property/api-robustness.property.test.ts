import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminAccount } from '../../src/auth/admin-account.ts';
import {
  createTestAdmin,
  createTestApp,
  login,
  ORIGIN,
  peer,
  type TestApp,
} from '../helpers/test-app.ts';

/**
 * Property tests over every API route the app has: whatever path parameters, query strings
 * and bodies a client sends, the app answers below 500, and a 4xx from /api is the JSON
 * error body `{error:{code,message}}`. The fake fail2ban stays available throughout, so a
 * 503 is a failure too. Fixed seeds keep CI reproducible; on a failure fast-check prints
 * the seed, the path and the shrunk request.
 */

// PROPERTY_SEED / PROPERTY_RUNS_SCALE explore beyond CI's fixed runs.
const SEED = Number(process.env.PROPERTY_SEED ?? 0xba9601);
const runs = (n: number) => Math.ceil(n * Number(process.env.PROPERTY_RUNS_SCALE ?? 1));

const MINUTE = 60_000;
/** Under the app's 1 MiB default, leaving room for the JSON around a huge string. */
const BODY_LIMIT = 1024 * 1024;
/** Reachable without a session (login) or authenticated by other means (push secret). */
const PUBLIC = new Set(['POST /api/auth/login', 'POST /api/ingest/fail2ban']);
const JAILS = ['sshd', 'web.login', 'nginx-auth'];

let admin: AdminAccount;
let cleanup: () => Promise<void>;
let t: TestApp;
let cookie: string;

interface Route {
  method: string;
  path: string;
}

function apiRoutes(app: TestApp['app']): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  for (const r of app.routes) {
    const key = `${r.method} ${r.path}`;
    if (!r.path.startsWith('/api/') || r.path.includes('*') || r.method === 'ALL') continue;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

let routes: Route[] = [];

beforeAll(async () => {
  ({ admin, cleanup } = await createTestAdmin());
  t = createTestApp(admin, {
    // Aborted: GET /api/events/stream ends at once instead of streaming forever.
    shutdown: AbortSignal.abort(),
    // Random bodies hit login and the password change: never lock the admin out.
    loginLimits: {
      perAddress: { limit: 1_000_000, windowMs: MINUTE },
      perUsername: { limit: 1_000_000, windowMs: MINUTE },
    },
  });
  cookie = await login(t.app);
  routes = apiRoutes(t.app);
  // Some jails have bans, so list, search and unban routes have something to chew on.
  const now = t.clock.now();
  for (const [i, ip] of ['192.0.2.7', '198.51.100.9', '2001:db8::1'].entries()) {
    t.fake.addBan(
      JAILS[i % JAILS.length] as string,
      {
        id: ip,
        startedAt: now - 1000,
        endsAt: now + 600_000,
        permanent: false,
        bantimeSeconds: 600,
      } as never,
    );
  }
});
afterAll(() => cleanup());

// ---- arbitraries ---------------------------------------------------------------------------

const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom(
    '',
    '.',
    '..',
    '%',
    '%%',
    '%zz',
    '%c3%28',
    '%ED%A0%80',
    '%00',
    '%2F',
    '%252F',
    '\u0000',
    '\uD800',
    '\u202E',
    'admin',
    'nobody',
    '__proto__',
    'constructor',
    'toString',
    '192.0.2.7',
    '2001:db8::1',
    '10.0.0.0/8',
    '-1',
    'NaN',
    '1e400',
  ),
  fc.constantFrom(...JAILS),
  fc.integer({ min: 200, max: 20_000 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 20, max: 2_000 }).map((n) => '€'.repeat(n)),
);

/** pct, except a lone surrogate becomes U+FFFD instead of a URIError. */
function pct(s: string): string {
  return encodeURIComponent(
    s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}

/** A path segment: properly encoded, raw (with stray %), or with random percent triplets. */
const pathSegment = fc.oneof(
  nastyString.map(pct),
  nastyString.map((s) => s.replace(/[/?#]/g, '')),
  fc
    .array(
      fc.oneof(
        fc.nat({ max: 255 }).map((n) => `%${n.toString(16).padStart(2, '0')}`),
        nastyString.map(pct),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join('')),
);

const QUERY_KEYS = [
  'q',
  'offset',
  'limit',
  'from',
  'to',
  'cursor',
  'jail',
  'jails',
  'ip',
  'address',
  'actor',
  'kind',
  'type',
  'bucket',
  'range',
  'top',
  'format',
  'outcome',
  'origin',
  'owner',
  'order',
];

const queryValue = fc.oneof(
  nastyString,
  fc.integer().map(String),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '0x10', '1e21', '9'.repeat(400), '-1'),
  fc
    .date({ noInvalidDate: false })
    .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.integer({ min: -1e15, max: 1e16 }).map(String),
  fc.constantFrom('24h', '7d', '30d', 'hour', 'day', 'csv', 'json', 'ban', 'unban'),
);

const queryString = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, nastyString),
      queryValue,
      fc.boolean(),
    ),
    { maxLength: 6 },
  )
  .map((pairs) =>
    pairs.length === 0
      ? ''
      : `?${pairs.map(([k, v, raw]) => (raw ? `${k}=${v.replace(/[#&]/g, '')}` : `${pct(k)}=${pct(v)}`)).join('&')}`,
  );

/** JSON shaped like the routes' bodies, so validation gets past the first field sometimes. */
const nearValidBody = fc.record(
  {
    ids: fc.oneof(
      fc.array(
        fc.oneof(
          nastyString,
          fc.constantFrom('192.0.2.7', '203.0.113.5', '2001:db8::1', '10.0.0.0/8', '0.0.0.0/0'),
        ),
        { maxLength: 5 },
      ),
      fc.jsonValue(),
    ),
    confirm: fc.oneof(fc.boolean(), fc.jsonValue()),
    username: fc.oneof(nastyString, fc.constantFrom('admin', 'vera')),
    password: fc.oneof(nastyString, fc.constant('correct horse battery staple')),
    current: nastyString,
    role: fc.oneof(fc.constantFrom('admin', 'operator', 'viewer'), nastyString),
    disabled: fc.oneof(fc.boolean(), fc.jsonValue()),
    name: nastyString,
    expiresInDays: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

interface Body {
  contentType: string | undefined;
  body: string | Uint8Array;
}

const json = (v: unknown): Body => ({
  contentType: 'application/json',
  body: JSON.stringify(v) ?? 'null',
});

const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue().map(json) },
  { weight: 3, arbitrary: nearValidBody.map(json) },
  fc
    .tuple(
      fc.integer({ min: 10, max: 50_000 }),
      fc.constantFrom('array' as const, 'object' as const),
    )
    .map(([d, k]) => ({ contentType: 'application/json', body: deepNesting(d, k) })),
  fc
    .tuple(
      fc.constantFrom('ids', 'username', 'password', 'name', 'q'),
      fc.integer({ min: 1000, max: BODY_LIMIT - 200 }),
    )
    .map(([k, n]) => json({ [k]: 'x'.repeat(n) })),
  // A little over the limit: 413, not a crash.
  fc.integer({ min: 1, max: 2000 }).map((n) => json({ ids: 'x'.repeat(BODY_LIMIT + n) })),
  fc.record({
    contentType: fc.oneof(
      fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-16',
        'Application/JSON',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=xyz',
        'application/octet-stream',
        'application/json;;;',
        '',
      ),
      nastyString.filter((s) => /^[\t\x20-\x7e]*$/.test(s)),
    ),
    body: fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '',
        '{',
        '{"ids":',
        'null',
        '[]',
        '"x"',
        '1e999',
        '{"__proto__":{"x":1}}',
        'ids=1&ids=2',
        '\uFEFF{}',
        '{"a":1}{"b":2}',
      ),
    ),
  }),
);

interface Req {
  route: Route;
  params: string[];
  query: string;
  body: Body;
  withOrigin: boolean;
}

const request = (forRoutes: () => Route[]) =>
  fc.record({
    route: fc.nat().map((i) => {
      const list = forRoutes();
      return list[i % list.length] as Route;
    }),
    params: fc.array(pathSegment, { minLength: 3, maxLength: 3 }),
    query: queryString,
    body,
    withOrigin: fc.boolean(),
  });

function concrete(route: Route, params: string[]): string {
  let i = 0;
  return route.path.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () => params[i++] ?? 'x');
}

function init(r: Req, headers: Record<string, string>): RequestInit {
  const h: Record<string, string> = { ...headers };
  if (r.withOrigin) h.origin = ORIGIN;
  if (r.route.method === 'GET' || r.route.method === 'HEAD')
    return { method: r.route.method, headers: h };
  if (r.body.contentType !== undefined) h['content-type'] = r.body.contentType;
  return {
    method: r.route.method,
    headers: h,
    body: r.body.body as NonNullable<RequestInit['body']>,
  };
}

/**
 * The one deliberate 5xx: jail control (start/stop/reload, settings) answers 503
 * `jail-control-unavailable` when the server was started without it, as this test app is.
 */
function notSetUp(status: number, text: string): boolean {
  return status === 503 && text.includes('"code":"jail-control-unavailable"');
}

/** Sends the request, reads the answer and checks the properties every answer must have. */
async function send(
  r: Req,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const url = `${concrete(r.route, r.params)}${r.query}`;
  let req: Request;
  try {
    req = new Request(new URL(url, 'http://localhost'), init(r, headers));
  } catch {
    fc.pre(false); // a URL or header the fetch API itself refuses never reaches a server
    throw new Error('unreachable');
  }
  const res = await t.app.request(req, undefined, peer('192.0.2.1'));
  const type = res.headers.get('content-type') ?? '';
  const where = `${req.method} ${req.url}`;
  if (type.startsWith('text/event-stream')) {
    await res.body?.cancel();
    expect(res.status, where).toBeLessThan(500);
    return { status: res.status, body: undefined };
  }
  const text = await res.text();
  if (res.status >= 500 && !notSetUp(res.status, text)) {
    const logged = t.logged.map(
      (l) => `${l.message}: ${String((l.error as Error)?.stack ?? l.error)}`,
    );
    throw new Error(
      `${where} answered ${res.status}: ${text.slice(0, 300)}\n${logged.slice(-2).join('\n')}`,
    );
  }
  let parsed: unknown;
  if (res.status >= 400 && req.method !== 'HEAD' && new URL(req.url).pathname.startsWith('/api/')) {
    // Every 4xx (and the one tolerated 503) of /api is the JSON error body.
    expect(type, `${where} ${res.status}`).toMatch(/^application\/json/);
    parsed = JSON.parse(text);
    const error = (parsed as { error?: { code?: unknown; message?: unknown } }).error;
    expect(typeof error?.code, `${where} ${res.status} ${text.slice(0, 200)}`).toBe('string');
    expect(typeof error?.message, `${where} ${res.status} ${text.slice(0, 200)}`).toBe('string');
  }
  return { status: res.status, body: parsed };
}

// ---- properties ----------------------------------------------------------------------------

describe('API properties over every route', () => {
  it('finds the routes to test in the app itself', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/jails',
        'POST /api/jails/:jail/bans',
        'PATCH /api/users/:name',
      ]),
    );
  });

  it('signed in as admin: random params, queries and bodies never get a 5xx; 4xx are JSON errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        request(() => routes),
        async (r) => {
          const { status } = await send(r, { cookie });
          // Sign-out and revoke-all end the session this test runs in: start a new one.
          if (status === 401) cookie = await login(t.app);
        },
      ),
      { seed: SEED, numRuns: runs(450) },
    );
    expect(t.fake.calls.ping ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('signed in: every route once per run with the known jails and users as parameters', async () => {
    const known = fc.record({
      route: fc.constantFrom(...routes),
      params: fc.array(fc.constantFrom(...JAILS, 'admin', 'A'.repeat(24)), {
        minLength: 3,
        maxLength: 3,
      }),
      query: queryString,
      body,
      withOrigin: fc.constant(true),
    });
    await fc.assert(
      fc.asyncProperty(known, async (r) => {
        const { status } = await send(r, { cookie });
        if (status === 401) cookie = await login(t.app);
      }),
      { seed: SEED + 1, numRuns: runs(250) },
    );
  });

  it('unauthenticated: every non-public /api route answers 401 (not 500), whatever the request', async () => {
    const guarded = () => routes.filter((r) => !PUBLIC.has(`${r.method} ${r.path}`));
    const credentials = fc.oneof(
      fc.constant({}),
      nastyString.map((s) => ({ cookie: `bangui_session=${pct(s)}` })),
      fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => ({ cookie: s })),
      fc
        .string({ unit: 'grapheme-ascii', maxLength: 80 })
        .map((s) => ({ authorization: `Bearer ${s}` })),
      fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => ({ authorization: s })),
    );
    await fc.assert(
      fc.asyncProperty(request(guarded), credentials, async (r, creds) => {
        const headers = Object.fromEntries(
          Object.entries(creds as Record<string, string>).filter(([, v]) =>
            /^[\t\x20-\x7e]*$/.test(v),
          ),
        );
        // Mutations as a same-origin JSON client would send them, so CSRF (415/403) does not answer first.
        const req: Req = {
          ...r,
          withOrigin: true,
          body: { contentType: 'application/json', body: r.body.body },
        };
        const { status, body } = await send(req, headers);
        expect(
          status,
          `${r.route.method} ${concrete(r.route, r.params)} ${JSON.stringify(body)}`,
        ).toBe(
          // A body over the limit is refused before anyone reads a credential.
          typeof req.body.body === 'string' &&
            req.body.body.length > BODY_LIMIT &&
            r.route.method !== 'GET'
            ? 413
            : 401,
        );
      }),
      { seed: SEED + 2, numRuns: runs(400) },
    );
  });

  it('unauthenticated public routes (login, push) and random non-API paths stay below 500 too', async () => {
    const publicRoutes = routes.filter((r) => PUBLIC.has(`${r.method} ${r.path}`));
    const extra: Route[] = [
      { method: 'GET', path: '/api/:x' },
      { method: 'POST', path: '/api/:x/:y' },
      { method: 'DELETE', path: '/api/jails/:x/bans/:y' },
      { method: 'PUT', path: '/api/users/:x' },
    ];
    await fc.assert(
      fc.asyncProperty(
        request(() => [...publicRoutes, ...extra]),
        async (r) => {
          await send(r, {});
        },
      ),
      { seed: SEED + 3, numRuns: runs(300) },
    );
  });
});
