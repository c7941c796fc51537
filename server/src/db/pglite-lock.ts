import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded database belongs to one process at a time. The server and the maintenance commands
 * (backup, restore, audit:verify, admin:*) take this lock, so a backup never reads a folder that a
 * running server is writing.
 */
export function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'guanjia.pid');
  if (fs.existsSync(file)) {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && alive(pid))
      throw new Error(`The embedded database in ${dir} is in use by process ${pid} (the server?). Stop it first: one process owns an embedded database.`);
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
