/** The command line of `pnpm demo`. */
export interface DemoArgs {
  framework: 'express' | 'hono';
  check: boolean;
  host: string;
  port: number;
  emulatorPort: number;
}

/** Thrown for a bad command line; its message names the option. */
export class DemoUsageError extends Error {
  readonly code = 'DEMO_USAGE';
  override name = 'DemoUsageError';
}

export const USAGE = `Usage: pnpm demo [--framework express|hono] [--port 3000] [--emulator-port 8443] [--host 127.0.0.1] [--check]
  --framework   the portal's web framework (default express)
  --port        the portal's port (default 3000; 0 picks a free one)
  --emulator-port  the OPF emulator's port (default 8443; 0 picks a free one)
  --check       run the purchase flow headless through the portal's HTTP API, in both frameworks, then exit`;

function parsePort(name: string, value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DemoUsageError(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/**
 * Parses `pnpm demo`'s arguments.
 *
 * @example
 * parseDemoArgs(['--framework', 'hono']).framework; // 'hono'
 */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const args: DemoArgs = {
    framework: 'express',
    check: false,
    host: '127.0.0.1',
    port: 3000,
    emulatorPort: 8443,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const [name, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++index];
    switch (name) {
      case '--':
        break;
      case '--framework': {
        const framework = value();
        if (framework !== 'express' && framework !== 'hono') {
          throw new DemoUsageError(`--framework must be express or hono, got ${JSON.stringify(framework)}`);
        }
        args.framework = framework;
        break;
      }
      case '--check':
        args.check = true;
        break;
      case '--host': {
        const host = value();
        if (!host) throw new DemoUsageError('--host needs a value');
        args.host = host;
        break;
      }
      case '--port':
        args.port = parsePort('--port', value());
        break;
      case '--emulator-port':
        args.emulatorPort = parsePort('--emulator-port', value());
        break;
      case '--help':
      case '-h':
        throw new DemoUsageError(USAGE);
      default:
        throw new DemoUsageError(`unknown option ${JSON.stringify(name)}\n${USAGE}`);
    }
  }
  return args;
}
