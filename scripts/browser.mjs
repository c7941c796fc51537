// Finds Debian's Chromium (and the Chinese font) for the browser tests; installs them on Debian as
// root when missing; otherwise fails saying what to install. Browser tests are never skipped.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const hasFont = () => spawnSync('sh', ['-c', 'fc-list 2>/dev/null | grep -qi "wenquanyi\\|wqy"']).status === 0;

export function ensureBrowser() {
  if (fs.existsSync(CHROMIUM) && hasFont()) return CHROMIUM;
  const debian = fs.existsSync('/etc/debian_version');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (debian && root) {
    console.log('Installing Debian packages for browser tests: chromium fonts-wqy-microhei …');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null', { stdio: 'inherit' });
    if (fs.existsSync(CHROMIUM) && hasFont()) return CHROMIUM;
  }
  console.error(`Browser tests need Chromium at ${CHROMIUM} and the WenQuanYi Micro Hei font.\n` +
    'On Debian/Ubuntu: sudo apt-get install chromium fonts-wqy-microhei\n' +
    'Elsewhere: install Chromium and set CHROMIUM_PATH to its binary, plus a CJK font.');
  process.exit(1);
}
