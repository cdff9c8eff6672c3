import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '../../client/src/portal/testing/readme-example.js';

runReadmeExample({ packageDir: fileURLToPath(new URL('..', import.meta.url)) });
