/**
 * Checks production configuration values by what they are, not by comparing with known examples:
 * a secret must carry real entropy (32 × "a" is 32 characters and no secret), and a public URL must
 * name a host the internet can reach (no loopback, private, link-local or shared address, however
 * spelled: `https://localhost.`, `172.20.0.5`).
 */
import { isIP } from 'node:net';

/** Shannon entropy of the string's own characters, in bits, times its length. */
export function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  const length = [...value].length;
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / length) * Math.log2(count / length);
  return perChar * length;
}

export function isWeakSecret(value: string, minBits: number): boolean {
  return estimatedEntropyBits(value) < minBits;
}

function isNonPublicIPv4(host: string): boolean {
  const [a = 0, b = 0] = host.split('.').map(Number);
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

/** True unless the URL is https and names a host reachable from the internet. */
export function isNonPublicUrl(url: string): boolean {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:') return true;
    host = parsed.hostname.toLowerCase().replace(/\.+$/, '');
  } catch {
    return true;
  }
  if (host === '' || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    return true;
  // IPv6 literals (loopback, unique-local, link-local, mapped IPv4): not a public service address.
  if (host.startsWith('[')) return true;
  if (isIP(host) === 4) return isNonPublicIPv4(host);
  // A bare name without a dot only resolves inside a private network.
  return !host.includes('.');
}
