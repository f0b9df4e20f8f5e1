// Preloaded (node --require) into the SubQuery node and query service by the runner.
//
// 1. Both call `listen(port)` without a host, which binds every interface: a listen that
//    names no host binds 127.0.0.1 instead, so the runner's servers stay on loopback.
// 2. They must not outlive the runner: when the parent process is gone (its pid changes
//    to a reaper's), exit.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const [first, second] = args;
  if ((typeof first === 'number' || /^\d+$/.test(String(first))) && typeof second !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && !('path' in first) && !first.host) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1000).unref();
