import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The recorded fail2ban socket vectors (see vectors/README.md). They are copied
 * into the repository from the team's shared research folder so a clone anywhere
 * can run the tests; every file in the folder is a test case.
 */
export const VECTOR_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'vectors');
