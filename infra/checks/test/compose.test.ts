import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  environmentMap,
  isObject,
  type Json,
  type JsonObject,
  keyPaths,
  loadMerged,
  readComposeFile,
  services,
  volumeTarget,
} from '../src/compose.ts';
import { infraPath } from '../src/paths.ts';
import { composeValidator, formatErrors } from '../src/schema.ts';

const base = infraPath('compose/compose.yaml');
const overlays = {
  dev: infraPath('compose/compose.dev.yaml'),
  prod: infraPath('compose/compose.prod.yaml'),
  debug: infraPath('compose/compose.debug.yaml'),
};
const allFiles = [base, ...Object.values(overlays)];
const modes = Object.entries(overlays).map(([mode, file]) => ({
  mode,
  model: loadMerged([base, file]),
}));
const prod = loadMerged([base, overlays.prod]);

const EXPECTED_RESOURCES: Record<string, JsonObject> = {
  fail2ban: {
    limits: { cpus: '0.5', memory: '128M' },
    reservations: { cpus: '0.1', memory: '64M' },
  },
  backend: {
    limits: { cpus: '2.0', memory: '512M' },
    reservations: { cpus: '1.0', memory: '256M' },
  },
  frontend: {
    limits: { cpus: '0.5', memory: '128M' },
    reservations: { cpus: '0.25', memory: '64M' },
  },
  postgres: {
    limits: { cpus: '1.0', memory: '512M' },
    reservations: { cpus: '0.25', memory: '256M' },
  },
};

const LEGACY_KEYS = [
  'cpus',
  'mem_limit',
  'mem_reservation',
  'cpu_shares',
  'memswap_limit',
  'cpu_quota',
];

describe('compose files against the Compose Specification schema', () => {
  const validate = composeValidator();

  it.each(allFiles)('%s is valid on its own', (file) => {
    const ok = validate(readComposeFile(file));
    expect(formatErrors(validate.errors)).toBe('');
    expect(ok).toBe(true);
  });

  it.each(modes)('base + $mode overlay is valid once merged', ({ model }) => {
    const ok = validate(model);
    expect(formatErrors(validate.errors)).toBe('');
    expect(ok).toBe(true);
  });

  it('the schema rejects what these checks rely on it to reject', () => {
    expect(validate({ services: { backend: { image: 'x', cap_drop: 'ALL' } } })).toBe(false);
    expect(validate({ services: { backend: { image: 'x', no_such_key: 1 } } })).toBe(false);
    expect(
      validate({
        services: { backend: { image: 'x', deploy: { resources: { limits: { memroy: '1G' } } } } },
      }),
    ).toBe(false);
  });
});

describe('resources', () => {
  it('every service has exactly the agreed limits and reservations under deploy.resources (base + prod)', () => {
    const all = services(prod);
    expect(Object.keys(all).sort()).toEqual(Object.keys(EXPECTED_RESOURCES).sort());
    for (const [name, service] of Object.entries(all)) {
      expect({ name, resources: objectAt(service, ['deploy', 'resources']) }).toEqual({
        name,
        resources: EXPECTED_RESOURCES[name],
      });
    }
  });

  it.each(modes)('the $mode mode keeps the same limits', ({ model }) => {
    for (const [name, service] of Object.entries(services(model))) {
      expect({ name, resources: objectAt(service, ['deploy', 'resources']) }).toEqual({
        name,
        resources: EXPECTED_RESOURCES[name],
      });
    }
  });

  it.each(allFiles)('%s has no legacy resource keys anywhere', (file) => {
    const found = keyPaths(readComposeFile(file)).filter((path) => {
      const key = path.at(-1) ?? '';
      if (!LEGACY_KEYS.includes(key)) return false;
      // `cpus` is the right key inside deploy.resources.{limits,reservations}.
      const parent = path.at(-2);
      return !(
        key === 'cpus' &&
        path.at(-3) === 'resources' &&
        (parent === 'limits' || parent === 'reservations')
      );
    });
    expect(found.map((path) => path.join('.'))).toEqual([]);
  });

  it('the legacy-key scan would catch a service-level cpus or mem_limit', () => {
    const paths = keyPaths({
      services: {
        a: { cpus: 1, mem_limit: '1g', deploy: { resources: { limits: { cpus: '1' } } } },
      },
    });
    const keys = paths.map((path) => path.join('.'));
    expect(keys).toContain('services.a.cpus');
    expect(keys).toContain('services.a.mem_limit');
  });
});

describe('fail2ban socket', () => {
  it('is shared as a named volume on the directory /var/run/fail2ban by fail2ban and backend', () => {
    const all = services(prod);
    const volumesOf = (name: string) => (all[name]?.volumes as Json[] | undefined) ?? [];
    for (const name of ['fail2ban', 'backend']) {
      const mount = volumesOf(name).find(
        (entry) => typeof entry === 'string' && volumeTarget(entry) === '/var/run/fail2ban',
      );
      expect(mount, `${name} mounts /var/run/fail2ban`).toBe('fail2ban-run:/var/run/fail2ban');
    }
    expect(isObject(prod.volumes) && 'fail2ban-run' in prod.volumes).toBe(true);
  });

  it.each(modes)(
    'no service in $mode mounts the socket file itself or binds a host path for it',
    ({ model }) => {
      for (const [name, service] of Object.entries(services(model))) {
        for (const entry of (service.volumes as Json[] | undefined) ?? []) {
          const text = typeof entry === 'string' ? entry : JSON.stringify(entry);
          expect({ name, mount: text.includes('.sock') }).toEqual({ name, mount: false });
          if (typeof entry === 'string' && volumeTarget(entry).startsWith('/var/run/fail2ban')) {
            expect(
              entry.startsWith('/') || entry.startsWith('.'),
              `${name}: ${entry} is a bind mount`,
            ).toBe(false);
          }
        }
      }
    },
  );

  it('the base file explains why the directory is shared', () => {
    expect(readFileSync(base, 'utf8')).toMatch(/re-creates fail2ban\.sock every time it restarts/);
  });

  it('the backend is told the socket path inside that directory', () => {
    const env = environmentMap(services(prod).backend?.environment);
    expect(env.BANGUI_FAIL2BAN_SOCKET).toBe('/var/run/fail2ban/fail2ban.sock');
  });
});

describe('every service', () => {
  it.each(modes)('has a healthcheck and a restart policy in $mode', ({ model }) => {
    for (const [name, service] of Object.entries(services(model))) {
      const test = objectAt(service, ['healthcheck'])?.test;
      expect({ name, test: Array.isArray(test) && test.length > 1 && test[0] === 'CMD' }).toEqual({
        name,
        test: true,
      });
      expect({
        name,
        restart: ['always', 'unless-stopped', 'on-failure'].includes(String(service.restart)),
      }).toEqual({
        name,
        restart: true,
      });
    }
  });
});

describe('backend hardening', () => {
  it.each(modes)(
    'drops every capability, forbids new privileges and runs read-only in $mode',
    ({ model }) => {
      const backend = services(model).backend ?? {};
      expect(backend.cap_drop).toEqual(['ALL']);
      expect(backend.cap_add).toBeUndefined();
      expect(backend.security_opt).toContain('no-new-privileges:true');
      expect(backend.read_only).toBe(true);
      expect(backend.privileged).toBeUndefined();
      expect(backend.user).toBe('0:0');
      expect(
        (backend.tmpfs as Json[]).some((entry) => String(entry).split(':')[0] === '/tmp'),
      ).toBe(true);
    },
  );

  it('keeps BANGUI_DATA_DIR on a volume, so it survives the read-only root', () => {
    const backend = services(prod).backend ?? {};
    const dataDir = environmentMap(backend.environment).BANGUI_DATA_DIR;
    const targets = ((backend.volumes as Json[]) ?? []).map((entry) => volumeTarget(String(entry)));
    expect(dataDir).toBe('/var/lib/bangui');
    expect(targets).toContain(dataDir);
  });

  it('takes its secrets from files', () => {
    const backend = services(prod).backend ?? {};
    const env = environmentMap(backend.environment);
    for (const variable of [
      'BANGUI_ADMIN_PASSWORD_FILE',
      'BANGUI_DATABASE_URL_FILE',
      'BANGUI_PUSH_SECRET_FILE',
    ]) {
      expect(String(env[variable])).toMatch(/^\/run\/secrets\//);
    }
    for (const variable of ['BANGUI_ADMIN_PASSWORD', 'BANGUI_PUSH_SECRET', 'BANGUI_DATABASE_URL']) {
      expect(env[variable]).toBeUndefined();
    }
    const pg = environmentMap(services(prod).postgres?.environment);
    expect(pg.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(pg.POSTGRES_PASSWORD).toBeUndefined();
    const declared = Object.keys(objectAt(prod, ['secrets']) ?? {});
    expect(declared.sort()).toEqual(
      [
        'bangui_admin_password',
        'bangui_database_url',
        'bangui_push_secret',
        'postgres_password',
      ].sort(),
    );
  });

  it.each(modes)('obeys the worker rule in $mode: memory means exactly one worker', ({ model }) => {
    const env = environmentMap(services(model).backend?.environment);
    if (env.BANGUI_ADAPTER === 'memory') expect(env.BANGUI_WORKERS).toBe('1');
    else expect(env.BANGUI_ADAPTER).toBe('postgres');
  });

  it('explains workers and the memory budget, measured by npm run bench', () => {
    const text = readFileSync(base, 'utf8');
    expect(text).toMatch(/BANGUI_WORKERS/);
    expect(text).toMatch(/refuses/);
    expect(text).toMatch(/npm run bench/);
  });

  it.each(modes)('still starts node itself when $mode overrides the entrypoint', ({ model }) => {
    const entrypoint = services(model).backend?.entrypoint;
    if (entrypoint !== undefined) {
      expect(Array.isArray(entrypoint)).toBe(true);
      expect((entrypoint as Json[])[0]).toBe('node');
    }
  });

  it('the fail2ban service can ban: host network and the two network capabilities', () => {
    const fail2ban = services(prod).fail2ban ?? {};
    expect(fail2ban.network_mode).toBe('host');
    expect([...((fail2ban.cap_add as string[]) ?? [])].sort()).toEqual(['NET_ADMIN', 'NET_RAW']);
  });
});

function objectAt(value: Json | undefined, path: readonly string[]): JsonObject | undefined {
  let current: Json | undefined = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : undefined;
}
