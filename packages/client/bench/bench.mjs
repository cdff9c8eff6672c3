// The client's part of the benchmark report (run with `pnpm --filter @crm-gateway/client bench` after `build`):
// purchase latency vs a raw fetch and vs the openapi-fetch peer (median, p99, CPU per call), token requests for
// 1,000 concurrent cold purchases and for a fleet of 3 clients sharing the Redis token cache, heap growth per 10,000
// calls, and the ESM bundle (min+gzip, openapi-fetch included) against its budget. The measurements live in the
// repository's bench/ folder (`pnpm bench` runs them with the rest); this runs only the client's sections and writes
// bench/results/partial.json. Exits non-zero when the run breaks or a token count is not 1.
//   node bench/bench.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('../../../bench/run.mjs', import.meta.url));
const { status } = spawnSync(
  process.execPath,
  [runner, '--only', 'client-overhead,tokens,heap,bundle', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(status ?? 1);
