// The process as a person starts it: a port already in use is one line before anything
// slow happens.
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { exited, runKohort } from '../helpers/kohort-process.js';

describe('a port already in use', () => {
  it('is one line and exit code 1, before the database is opened or the demo imported', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const fresh = tempDir('kohort-port-');
    try {
      const child = runKohort({ PORT: String(port), DATA_DIR: fresh });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exited(child)).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([`kohort: port ${port} on 127.0.0.1 is already in use by another program: stop it, or choose another port with PORT (PORT=0 takes any free one)`]);
      expect(stdout).not.toMatch(/migration|demo program imported|"level":60/);
      expect(existsSync(path.join(fresh, 'pglite'))).toBe(false);
    } finally {
      holder.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
