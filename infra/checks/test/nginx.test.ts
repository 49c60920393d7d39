// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is Compose/nginx-template syntax here, not a JS template.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../../apps/server/src/http/security-headers.ts';
import { infraPath } from '../src/paths.ts';

const read = (name: string) => readFileSync(infraPath(`docker/nginx/${name}`), 'utf8');
const template = read('default.conf.template');
const proxy = read('proxy.conf');

/** `add_header Name "value" always;` lines of an nginx snippet. */
function addedHeaders(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of text.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;/gm)) {
    out[(match[1] ?? '').toLowerCase()] = match[2] ?? '';
  }
  return out;
}

async function serverHeaders(): Promise<Record<string, string>> {
  const res = new Response(null);
  const context = { res } as unknown as Parameters<ReturnType<typeof securityHeaders>>[0];
  await securityHeaders()(context, async () => {});
  return Object.fromEntries(res.headers.entries());
}

describe('nginx frontend', () => {
  it('sets exactly the security headers the server sets', async () => {
    const server = await serverHeaders();
    expect(Object.keys(server).length).toBeGreaterThan(0);
    expect(addedHeaders(read('security-headers.conf'))).toEqual(server);
  });

  it('repeats them in every location that adds a header of its own', () => {
    const blocks = template.split(/\n\s*location\s+/).slice(1);
    for (const block of blocks) {
      const body = block.slice(0, block.indexOf('\n    }'));
      if (/add_header/.test(body))
        expect(body).toMatch(/include \/etc\/nginx\/snippets\/security-headers\.conf;/);
    }
  });

  it('proxies /api, /livez and /readyz to the backend', () => {
    expect(template).toMatch(/location \/api\/ \{\s*include \/etc\/nginx\/snippets\/proxy\.conf;/);
    expect(template).toMatch(
      /location = \/livez \{\s*include \/etc\/nginx\/snippets\/proxy\.conf;/,
    );
    expect(template).toMatch(
      /location = \/readyz \{\s*include \/etc\/nginx\/snippets\/proxy\.conf;/,
    );
    expect(template).toContain('set $bangui_backend "${BANGUI_BACKEND}";');
  });

  it('is friendly to Server-Sent Events', () => {
    expect(proxy).toMatch(/^proxy_buffering off;$/m);
    expect(proxy).toMatch(/^proxy_http_version 1\.1;$/m);
    const timeout = /^proxy_read_timeout (\d+)([smh]);$/m.exec(proxy);
    const seconds =
      Number(timeout?.[1]) * ({ s: 1, m: 60, h: 3600 }[timeout?.[2] as 's' | 'm' | 'h'] ?? 0);
    expect(seconds).toBeGreaterThanOrEqual(600);
  });

  it('forwards the original host with its port, or the same-origin check refuses logins', () => {
    expect(proxy).toMatch(/^proxy_set_header Host \$http_host;$/m);
    expect(proxy).toMatch(/^proxy_set_header X-Forwarded-Host \$http_host;$/m);
    expect(proxy).toMatch(/^proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;$/m);
  });

  it('falls back to index.html for the single-page app', () => {
    expect(template).toMatch(/try_files \$uri \$uri\/ \/index\.html;/);
  });
});
