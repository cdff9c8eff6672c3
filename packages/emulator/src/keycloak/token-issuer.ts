import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { SigningKeys } from './keys.js';

/** Claims of the emulator's access tokens (Keycloak's names). */
export interface AccessTokenClaims extends JWTPayload {
  typ: 'Bearer';
  azp: string;
  sub: string;
  realm_access: { roles: string[] };
  preferred_username?: string;
  scope: string;
}

/** What a refresh token stands for. */
export interface RefreshTokenClaims extends JWTPayload {
  typ: 'Refresh';
  azp: string;
  sub: string;
  preferred_username?: string;
}

/** A subject to issue tokens for: a user or a client's service account. */
export interface TokenSubject {
  clientId: string;
  subject: string;
  username?: string;
  roles: string[];
  withRefreshToken: boolean;
}

/** The token response body (`TokenResponse`). */
export interface TokenSet {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  refresh_expires_in?: number;
  token_type: 'Bearer';
  scope: string;
}

/**
 * Issues and checks the emulator's RS256 tokens. Refresh tokens are single-use: a used, revoked or expired
 * refresh token is refused (`invalid_grant`). `revokeAll()` refuses every token issued so far.
 *
 * @example
 * const issuer = new TokenIssuer(keys, () => issuerUrl, { accessTokenLifetimeSec: 300, refreshTokenLifetimeSec: 1800 });
 */
export class TokenIssuer {
  private readonly issued = new Set<string>();
  private readonly revoked = new Set<string>();
  private readonly usedRefresh = new Set<string>();
  /** Access tokens already verified (signature checked once; expiry and revocation checked every time). */
  private readonly verifiedAccess = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: () => string,
    private readonly lifetimes: { accessTokenLifetimeSec: number; refreshTokenLifetimeSec: number },
  ) {}

  /** Issues an access token (and, if asked, a refresh token) for `subject`. */
  async issue(subject: TokenSubject): Promise<TokenSet> {
    const now = Math.floor(Date.now() / 1000);
    const session = randomUUID();
    const accessJti = randomUUID();
    const access = await new SignJWT({
      typ: 'Bearer',
      azp: subject.clientId,
      realm_access: { roles: subject.roles },
      scope: 'profile email',
      sid: session,
      ...(subject.username ? { preferred_username: subject.username } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keys.kid })
      .setIssuer(this.issuer())
      .setSubject(subject.subject)
      .setAudience('account')
      .setIssuedAt(now)
      .setExpirationTime(now + this.lifetimes.accessTokenLifetimeSec)
      .setJti(accessJti)
      .sign(this.keys.privateKey);
    this.issued.add(accessJti);
    const set: TokenSet = {
      access_token: access,
      expires_in: this.lifetimes.accessTokenLifetimeSec,
      token_type: 'Bearer',
      scope: 'profile email',
    };
    if (subject.withRefreshToken) {
      const refreshJti = randomUUID();
      set.refresh_token = await new SignJWT({
        typ: 'Refresh',
        azp: subject.clientId,
        sid: session,
        ...(subject.username ? { preferred_username: subject.username } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.keys.kid })
        .setIssuer(this.issuer())
        .setSubject(subject.subject)
        .setAudience(this.issuer())
        .setIssuedAt(now)
        .setExpirationTime(now + this.lifetimes.refreshTokenLifetimeSec)
        .setJti(refreshJti)
        .sign(this.keys.privateKey);
      set.refresh_expires_in = this.lifetimes.refreshTokenLifetimeSec;
      this.issued.add(refreshJti);
    }
    return set;
  }

  /** Verifies an access token; returns its claims or a reason it is refused. */
  async verifyAccess(
    token: string,
  ): Promise<{ ok: true; claims: AccessTokenClaims } | { ok: false; reason: string }> {
    const cached = this.verifiedAccess.get(token);
    if (cached) {
      if ((cached.exp ?? 0) * 1000 <= Date.now()) return { ok: false, reason: 'Token is expired' };
      if (this.revoked.has(cached.jti ?? '')) return { ok: false, reason: 'Token is not active' };
      return { ok: true, claims: cached };
    }
    const result = await this.verify(token);
    if (!result.ok) return result;
    if (result.payload.typ !== 'Bearer') return { ok: false, reason: 'not an access token' };
    const claims = result.payload as AccessTokenClaims;
    if (this.verifiedAccess.size >= 1000) this.verifiedAccess.clear();
    this.verifiedAccess.set(token, claims);
    return { ok: true, claims };
  }

  /** Verifies and consumes a refresh token (single use). */
  async consumeRefresh(
    token: string,
  ): Promise<{ ok: true; claims: RefreshTokenClaims } | { ok: false; reason: string }> {
    const result = await this.verify(token);
    if (!result.ok) return result;
    const claims = result.payload as RefreshTokenClaims;
    if (claims.typ !== 'Refresh') return { ok: false, reason: 'Invalid refresh token' };
    const jti = claims.jti ?? '';
    if (this.usedRefresh.has(jti))
      return { ok: false, reason: 'Maximum allowed refresh token reuse exceeded' };
    this.usedRefresh.add(jti);
    return { ok: true, claims };
  }

  /** Every token issued so far is refused from now on. */
  revokeAll(): void {
    for (const jti of this.issued) this.revoked.add(jti);
    this.issued.clear();
  }

  private async verify(
    token: string,
  ): Promise<{ ok: true; payload: JWTPayload } | { ok: false; reason: string }> {
    try {
      const { payload } = await jwtVerify(token, this.keys.publicKey, {
        issuer: this.issuer(),
        algorithms: ['RS256'],
      });
      if (!payload.jti || this.revoked.has(payload.jti)) return { ok: false, reason: 'Token is not active' };
      return { ok: true, payload };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'Token is expired' : 'Invalid token' };
    }
  }
}
