import { packageDirOf } from '../fixtures/package-dir.js';
import { runReadmeExample } from './readme-example.js';

runReadmeExample({ packageDir: packageDirOf('@crm-gateway/express-plugin') });
