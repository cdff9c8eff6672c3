import { packageDirOf } from '../fixtures/package-dir.js';
import { runBenchSmoke } from './bench-smoke.js';

runBenchSmoke({ packageDir: packageDirOf('@crm-gateway/express-plugin') });
