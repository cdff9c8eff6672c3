import { parseCliArgs, USAGE } from './cli-args.js';
import { startEmulator } from './start-emulator.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = await parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`crm-gateway-emulator: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  const stop = (signal: string) => {
    process.stderr.write(`crm-gateway-emulator: ${signal}, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(
    `${JSON.stringify({
      url: emulator.url,
      tokenUrl: emulator.tokenUrl,
      realm: emulator.realm,
      adminUrl: `${emulator.url}/__emulator`,
      tenants: emulator.seed.tenants.map((tenant) => tenant.id),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`crm-gateway-emulator: ${(error as Error).message}\n`);
  process.exit(1);
});
