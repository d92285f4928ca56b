/**
 * Short-lived signed access tokens (HS256 JWT). They name the user and the login session; the
 * session is checked on every request, so logout, a ban or account deletion takes effect at once.
 */
import { createSigner, createVerifier } from 'fast-jwt';

export interface AccessClaims {
  userId: number;
  sessionId: string;
}

export interface AccessTokens {
  ttlSeconds: number;
  sign(claims: AccessClaims): string;
  /** Throws InvalidAccessTokenError for expired, tampered or wrong-type tokens. */
  verify(token: string): AccessClaims;
}

export class InvalidAccessTokenError extends Error {
  constructor(reason: string) {
    super(`Invalid access token: ${reason}`);
    this.name = 'InvalidAccessTokenError';
  }
}

const TOKEN_TYPE = 'access';

export function createAccessTokens(secret: string, ttlSeconds: number): AccessTokens {
  const signer = createSigner({ key: secret, algorithm: 'HS256', expiresIn: ttlSeconds * 1000 });
  const verifier = createVerifier({ key: secret, algorithms: ['HS256'] });
  return {
    ttlSeconds,
    sign: ({ userId, sessionId }) => signer({ sub: String(userId), sid: sessionId, typ: TOKEN_TYPE }),
    verify(token) {
      let payload: Record<string, unknown>;
      try {
        payload = verifier(token) as Record<string, unknown>;
      } catch (error) {
        throw new InvalidAccessTokenError(error instanceof Error ? error.message : 'unverifiable');
      }
      const userId = Number(payload.sub);
      if (payload.typ !== TOKEN_TYPE) throw new InvalidAccessTokenError('wrong token type');
      if (!Number.isInteger(userId) || typeof payload.sid !== 'string') throw new InvalidAccessTokenError('malformed claims');
      return { userId, sessionId: payload.sid };
    },
  };
}
