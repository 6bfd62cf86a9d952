import * as fs from 'node:fs';
import { SESSION_DIR } from './tests/credentials';

/** Forgets the sessions of an earlier run: each run has a new server and database. */
export default function globalSetup(): void {
  fs.rmSync(SESSION_DIR, { recursive: true, force: true });
}
