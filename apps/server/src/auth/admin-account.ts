import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import * as v from 'valibot';
import { ConfigError } from '../config-error.ts';
import { writeFileAtomic } from '../fs/write-file-atomic.ts';
import { passwordBox } from './password-box.ts';
import { ARGON2_OPTIONS } from './password-hasher.ts';

export const ADMIN_USERNAME = 'admin';

/**
 * The first admin as `admin.json` knows it. Since accounts became event-sourced
 * this only seeds (and, with a configured password, repairs) the `admin` user
 * in the users model: see users/seed-admin.ts.
 */
export interface AdminAccount {
  readonly username: string;
  /** argon2id hash of the admin password in admin.json */
  readonly passwordHash: string;
  /** true when BANGUI_ADMIN_PASSWORD(_FILE) set it: it then wins over later changes */
  readonly passwordConfigured: boolean;
}

export interface AdminAccountOptions {
  dataDir: string;
  /** From BANGUI_ADMIN_PASSWORD(_FILE); when set it always wins over the stored hash. */
  password?: string | undefined;
  /** Where the generated password is shown once; default stdout. */
  print?: (text: string) => void;
}

const storedSchema = v.object({
  username: v.literal(ADMIN_USERNAME),
  passwordHash: v.pipe(v.string(), v.startsWith('$argon2id$')),
});

/**
 * Loads or creates the admin account in `<dataDir>/admin.json` (mode 0600,
 * only the argon2id hash). With no configured password the first start
 * generates one and prints it once; later starts reuse the stored hash.
 */
export async function loadAdminAccount(options: AdminAccountOptions): Promise<AdminAccount> {
  const print = options.print ?? ((text: string) => console.log(text));
  const file = join(options.dataDir, 'admin.json');
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  // A configured password replaces whatever is stored, even a damaged file.
  const stored = await readStored(file, options.password === undefined);

  let passwordHash: string;
  if (options.password !== undefined) {
    const unchanged = stored && (await verify(stored.passwordHash, options.password));
    passwordHash = unchanged ? stored.passwordHash : await hash(options.password, ARGON2_OPTIONS);
    if (!unchanged) await store(file, passwordHash);
  } else if (stored) {
    passwordHash = stored.passwordHash;
  } else {
    // 15 random bytes = 120 bits = exactly 20 base64url characters.
    const password = randomBytes(15).toString('base64url');
    passwordHash = await hash(password, ARGON2_OPTIONS);
    await store(file, passwordHash);
    print(passwordBox(ADMIN_USERNAME, password, file));
  }

  return {
    username: ADMIN_USERNAME,
    passwordHash,
    passwordConfigured: options.password !== undefined,
  };
}

async function readStored(
  file: string,
  mustBeValid: boolean,
): Promise<v.InferOutput<typeof storedSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError([
      `BANGUI_DATA_DIR: ${file} cannot be read (${code}). It should be a file only BanGUI writes.`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = v.safeParse(storedSchema, parsed);
  if (!result.success && !mustBeValid) return undefined;
  if (!result.success) {
    // Refuse rather than silently minting a new password: a damaged file
    // deserves a human look.
    throw new ConfigError([
      `BANGUI_DATA_DIR: ${file} is not a valid BanGUI admin account file. Fix it, delete it to generate a new admin password, or set BANGUI_ADMIN_PASSWORD(_FILE) to replace it.`,
    ]);
  }
  return result.output;
}

function store(file: string, passwordHash: string): Promise<void> {
  const content = `${JSON.stringify({ username: ADMIN_USERNAME, passwordHash }, null, 2)}\n`;
  return writeFileAtomic(file, content, 0o600);
}
