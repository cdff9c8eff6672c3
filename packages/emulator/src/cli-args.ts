import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { editionProblem, isEdition } from './edition.js';
import { EmulatorError } from './errors.js';
import { defaultSeed } from './seed/default-seed.js';
import type { Seed } from './seed/seed-types.js';
import { validateSeed } from './seed/validate-seed.js';
import type { EmulatorOptions } from './emulator-types.js';

/**
 * Usage text of the `crm-gateway-emulator` CLI.
 *
 * @example
 * process.stdout.write(`${USAGE}\n`);
 */
export const USAGE = `Usage: crm-gateway-emulator [--port 8443] [--host 127.0.0.1] [--seed seed.json]
                            [--auto-activate-ms N] [--notification-url URL] [--notification-secret S]
                            [--edition scp-25.12|crm-25.26] [--duplicate-flag prohibits|allows]

Starts the CRM Gateway emulator and prints one JSON line ({"url", "tokenUrl", ...}) when ready.
Stops cleanly on SIGINT or SIGTERM.`;

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new EmulatorError(
      'INVALID_ARGUMENTS',
      2,
      `--${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`,
    );
  }
  return parsed;
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'auto-activate-ms': { type: 'string' },
        'notification-url': { type: 'string' },
        'notification-secret': { type: 'string' },
        edition: { type: 'string' },
        'duplicate-flag': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new EmulatorError('INVALID_ARGUMENTS', 2, (error as Error).message);
  }
}

async function readSeedFile(path: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new EmulatorError(
      'INVALID_ARGUMENTS',
      2,
      `--seed: cannot read ${path}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EmulatorError(
      'INVALID_SEED',
      2,
      `--seed: ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  return validateSeed(json);
}

/**
 * Parses the CLI arguments into emulator options (reading and validating the seed file).
 *
 * @example
 * const { options } = await parseCliArgs(['--port', '8443', '--seed', 'seed.json']);
 */
export async function parseCliArgs(argv: string[]): Promise<{ help: boolean; options: EmulatorOptions }> {
  const values = parseFlags(argv);
  if (values.help) return { help: true, options: {} };
  const options: EmulatorOptions = {};
  const port = integer('port', values.port, 0, 65535);
  if (port !== undefined) options.port = port;
  if (values.host !== undefined) options.host = values.host;
  const autoActivateMs = integer('auto-activate-ms', values['auto-activate-ms'], 0, 86_400_000);
  if (autoActivateMs !== undefined) options.autoActivateMs = autoActivateMs;
  if (values.edition !== undefined) {
    if (!isEdition(values.edition)) {
      throw new EmulatorError(
        'INVALID_ARGUMENTS',
        2,
        `${editionProblem('--edition')} (got ${JSON.stringify(values.edition)})`,
      );
    }
    options.edition = values.edition;
  }
  const duplicateFlag = values['duplicate-flag'];
  if (duplicateFlag !== undefined) {
    if (duplicateFlag !== 'prohibits' && duplicateFlag !== 'allows') {
      throw new EmulatorError(
        'INVALID_ARGUMENTS',
        2,
        `--duplicate-flag must be "prohibits" or "allows" (got ${JSON.stringify(duplicateFlag)})`,
      );
    }
    options.duplicateFlag = duplicateFlag;
  }
  if (values['notification-secret'] !== undefined) options.notificationSecret = values['notification-secret'];
  if (values.seed !== undefined) options.seed = await readSeedFile(values.seed);
  if (values['notification-url'] !== undefined) {
    options.seed = validateSeed({
      ...(options.seed ?? defaultSeed),
      notificationUrl: values['notification-url'],
    });
  }
  return { help: false, options };
}
