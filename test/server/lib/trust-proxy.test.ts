import { loadConfig } from '../../../server/src/config';
import { fastifyTrustProxy, parseTrustProxy } from '../../../server/src/lib/trust-proxy';

it('reads TRUST_PROXY as nothing, a hop count or proxy addresses/CIDRs', () => {
  expect(parseTrustProxy(undefined)).toBe(false);
  expect(parseTrustProxy('')).toBe(false);
  expect(parseTrustProxy('false')).toBe(false);
  expect(parseTrustProxy('2')).toBe(2);
  expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8, ::1, fd00::/8')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']);
  expect(parseTrustProxy('true')).toBeInstanceOf(Error);
  expect(parseTrustProxy('10.0.0.0/33')).toBeInstanceOf(Error);
  expect(parseTrustProxy('proxy.internal')).toBeInstanceOf(Error);
});

it('turns a hop count into "trust the n nearest hops" (Fastify alone would trust none)', () => {
  const trust = fastifyTrustProxy(1) as (address: string, hop: number) => boolean;
  expect(trust('127.0.0.1', 0)).toBe(true);
  expect(trust('203.0.113.1', 1)).toBe(false);
});

it('refuses TRUST_PROXY=true, which would let any client pick its address', () => {
  expect(() => loadConfig({ NODE_ENV: 'test', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  expect(loadConfig({ NODE_ENV: 'test' }).trustProxy).toBe(false);
});
