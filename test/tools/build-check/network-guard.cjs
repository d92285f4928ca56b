'use strict';
/** Preloaded with --require (NODE_OPTIONS, so child processes too): refuses and logs every non-loopback TCP connect and DNS lookup. */
const net = require('node:net');
const fs = require('node:fs');
const log = (what) => {
  const line = `network-guard[${process.pid}]: blocked ${what}\n`;
  try {
    fs.writeSync(2, line);
  } catch {}
  if (process.env.NETWORK_GUARD_LOG) fs.appendFileSync(process.env.NETWORK_GUARD_LOG, line);
};
const orig = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  let o = args[0];
  if (Array.isArray(o)) o = o[0];
  const opts = typeof o === 'object' && o !== null ? o : { port: o, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (opts.path) return orig.apply(this, args);
  const host = opts.host ?? 'localhost';
  if (!/^(localhost|127\.|::1$|::ffff:127\.)/.test(host)) {
    log(`connect ${host}:${opts.port}`);
    throw new Error(`network-guard: blocked connect to ${host}:${opts.port}`);
  }
  return orig.apply(this, args);
};
const dns = require('node:dns');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  const f = dns[k];
  dns[k] = function (h, ...r) {
    if (!/^(localhost|127\.|::1$)/.test(h)) {
      log(`dns ${k} ${h}`);
      throw new Error(`network-guard: blocked dns ${h}`);
    }
    return f.call(this, h, ...r);
  };
}
