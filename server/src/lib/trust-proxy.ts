/**
 * TRUST_PROXY → Fastify's `trustProxy`. Unset trusts no forwarding header, so `request.ip` is the
 * peer's address and a client cannot pick its own by sending X-Forwarded-For. A deployment
 * behind proxies says which: a hop count (`1` = the one load balancer in front) or a
 * comma-separated list of proxy addresses/CIDRs. `true` (trust anyone) is refused: it is what
 * let a rotated X-Forwarded-For escape every per-address limit.
 */
export type TrustProxy = false | number | string[];

export function parseTrustProxy(raw: string | undefined): TrustProxy | Error {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === '*') {
    return new Error(
      'TRUST_PROXY=true would let any client choose its address (X-Forwarded-For): give the hop count or the proxy addresses/CIDRs',
    );
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) return new Error(`TRUST_PROXY: not an IP address or CIDR: ${bad.join(', ')}`);
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const isV4 = v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
  const isV6 = !isV4 && address.includes(':') && /^[0-9a-fA-F:.]+$/.test(address);
  if (!isV4 && !isV6) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (isV4 ? 32 : 128);
}

/**
 * Fastify's option for it. A hop count becomes proxy-addr's function form (trust the n nearest
 * hops): Fastify 5 treats a bare number as trusting nothing. Counting hops trusts the immediate
 * peer blindly, so use it only when the server is reachable through its proxies alone.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
