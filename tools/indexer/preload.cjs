// Preloaded (node --require) into the SubQuery node and query service by the runner.
//
// 1. Both call `listen(port)` without a host, which binds every interface: a listen that
//    names no host binds 127.0.0.1 instead, so the runner's servers stay on loopback.
// 2. They must not outlive the runner: when the parent process is gone (its pid changes
//    to a reaper's), exit.
// 3. The SubQuery node polls the chain's best and finalized heads every
//    min(5 s, 0.9 × the runtime's block time): with the runtime's 6 s slots that is 5 s,
//    so on a devnet with faster blocks it trails the chain by two or three blocks. With
//    CUSTOS_SUBQL_HEAD_POLL_MS set (the runner sets it), those two polls run that often
//    instead; nothing else changes (it recognises them by the method they call).
const net = require('node:net');

const headPollMs = Number(process.env.CUSTOS_SUBQL_HEAD_POLL_MS);
if (Number.isInteger(headPollMs) && headPollMs >= 100) {
  const setIntervalOriginal = global.setInterval;
  global.setInterval = function (callback, ms, ...rest) {
    const polls = typeof callback === 'function' && /get(Finalized|Best)BlockHead\(/.test(String(callback));
    return setIntervalOriginal.call(this, callback, polls ? Math.min(ms, headPollMs) : ms, ...rest);
  };
}

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
