import { exportJWK, generateKeyPair, type JWK, type CryptoKey } from 'jose';

/** The RS256 key pair that signs the emulator's tokens, with its public JWK. */
export interface SigningKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

let shared: Promise<SigningKeys> | undefined;

/**
 * The process-wide RS256 signing key (generated once: 2048-bit RSA generation is slow, and every emulator's
 * issuer differs by URL anyway, so a token of one emulator is refused by another).
 *
 * @example
 * const { publicJwk } = await getSigningKeys();
 */
export function getSigningKeys(): Promise<SigningKeys> {
  shared ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `emulator-${Date.now().toString(36)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    return { kid, privateKey, publicKey, publicJwk };
  })();
  return shared;
}
