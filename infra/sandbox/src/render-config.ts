import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** infra/fail2ban, resolved from this file so it works from any cwd. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../fail2ban/', import.meta.url));

export type SandboxAction = 'noop' | 'dummy';

/**
 * Copies every `*.conf` template from `templateDir` into `configDir`,
 * replacing `@SANDBOX_DIR@` with `sandboxDir` and `@ACTION@` with the jail
 * action. Only the sandbox's own files are used, never /etc/fail2ban.
 */
export async function renderConfig(options: {
  sandboxDir: string;
  configDir: string;
  action: SandboxAction;
  templateDir?: string;
}): Promise<void> {
  const { sandboxDir, configDir, action } = options;
  const templateDir = options.templateDir ?? TEMPLATE_DIR;
  assertSafeForConfig(sandboxDir);
  const values: Record<string, string> = {
    '@SANDBOX_DIR@': sandboxDir,
    '@ACTION@': actionSpec(sandboxDir, action),
  };
  const entries = await readdir(templateDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.conf')) continue;
    const source = path.join(entry.parentPath, entry.name);
    const target = path.join(configDir, path.relative(templateDir, source));
    const text = await readFile(source, 'utf8');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(
      target,
      text.replace(/@SANDBOX_DIR@|@ACTION@/g, (key) => values[key] ?? key),
    );
  }
}

function actionSpec(sandboxDir: string, action: SandboxAction): string {
  if (action === 'noop') return 'noop';
  // %(__name__)s is the jail name, interpolated by fail2ban per jail.
  return `bangui-dummy[target=${sandboxDir}/run/dummy-%(__name__)s.txt]`;
}

/**
 * The directory ends up inside fail2ban's ini files (where `%` starts an
 * interpolation) and inside the dummy action's shell commands, so refuse
 * characters that would change their meaning instead of trying to escape them.
 */
function assertSafeForConfig(dir: string): void {
  if (!path.isAbsolute(dir)) throw new Error(`sandbox dir must be absolute: ${dir}`);
  if (/[^A-Za-z0-9_./+@:-]/.test(dir)) {
    throw new Error(
      `sandbox dir ${JSON.stringify(dir)} contains characters unsafe in fail2ban configs ` +
        '(allowed: letters, digits and _ . / + @ : -)',
    );
  }
}
