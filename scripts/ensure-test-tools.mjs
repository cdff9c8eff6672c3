// Makes sure the Debian packages the tests need are installed: Chromium for the browser tests (playwright-core
// drives it; it never downloads a browser of its own) and redis-server for @crm-gateway/redis and the fleet tests
// (they start their own servers on free loopback ports). Installs what is missing with apt-get when we are root;
// otherwise explains.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

function onPath(command) {
  if (command.includes('/')) return existsSync(command);
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = [];
if (!existsSync(CHROMIUM))
  missing.push({ pkg: 'chromium', what: `Chromium (looked for ${CHROMIUM}; CHROMIUM_PATH)` });
if (!onPath(REDIS_SERVER)) missing.push({ pkg: 'redis-server', what: `redis-server (REDIS_SERVER)` });
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    `The tests need ${missing.map((m) => m.what).join(' and ')}.\n` +
      `Install ${missing.length > 1 ? 'them' : 'it'} (Debian/Ubuntu: \`sudo apt-get install -y ${missing.map((m) => m.pkg).join(' ')}\`).`,
  );
  process.exit(1);
}

const packages = missing.map((m) => m.pkg);
console.log(`installing ${packages.join(' and ')} from Debian's packages for the tests…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
if (!existsSync(CHROMIUM) || !onPath(REDIS_SERVER)) {
  console.error('apt-get finished but a tool the tests need is still missing');
  process.exit(1);
}
