import { fileURLToPath } from 'node:url';
import { runBenchSmoke } from '../../client/src/portal/testing/bench-smoke.js';

runBenchSmoke({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
