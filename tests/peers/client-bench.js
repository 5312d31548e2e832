'use strict';
// The baseline for BeAlert's SMPP client benchmark: the npm `smpp` package's own client, sending submit_sm with a
// window of outstanding requests on one bind, as fast as the SMSC answers.
// Usage: node client-bench.js HOST PORT SYSTEM_ID PASSWORD MESSAGES WINDOW
// Prints one JSON line: {"messages","accepted","failed","elapsed_s","per_s","cpu_s","cpu_us_per_msg"}.
const smpp = require('smpp');

const [host, port, systemId, password, messagesText, windowText] = process.argv.slice(2);
const messages = Number(messagesText || 10000);
const windowSize = Number(windowText || 100);
if (!host || !port || !(messages > 0) || !(windowSize > 0)) {
  console.error('usage: node client-bench.js HOST PORT SYSTEM_ID PASSWORD MESSAGES WINDOW');
  process.exit(2);
}

setTimeout(() => { console.error('client-bench.js: gave up after 300 s'); process.exit(3); }, 300000).unref();

const session = smpp.connect({ host, port: Number(port) });
session.on('error', e => { console.error('client error: ' + e.message); process.exit(1); });
session.bind_transceiver({ system_id: systemId, password }, bindResp => {
  if (bindResp.command_status !== 0) {
    console.error('bind failed: command_status ' + bindResp.command_status);
    process.exit(1);
  }
  // Warm-up first (V8 optimises the hot paths), unmeasured, as BeAlert.Load does for ours: min(5000, messages).
  const warmup = Math.min(5000, messages);
  let cpuStart, start;
  let total = warmup + messages;
  let sent = 0, done = 0, accepted = 0, failed = 0;
  const pump = () => {
    while (sent < total && sent - done < windowSize) {
      const n = sent++;
      session.submit_sm({
        source_addr_ton: 5, source_addr_npi: 0, source_addr: '1789',
        dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '32470' + String(n % 1000000).padStart(6, '0'),
        registered_delivery: 0, data_coding: 0,
        short_message: 'BE-Alert test: shelter in place, close windows and doors. ' + n,
      }, resp => {
        done++;
        if (done > warmup) { if (resp.command_status === 0) { accepted++; } else { failed++; } }
        if (done === warmup) { cpuStart = process.cpuUsage(); start = process.hrtime.bigint(); }
        if (done === total) { finish(); } else { pump(); }
      });
    }
  };
  const finish = () => {
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    console.log(JSON.stringify({ messages, accepted, failed, elapsed_s: elapsed, per_s: messages / elapsed, cpu_s: cpuS,
      cpu_us_per_msg: cpuS * 1e6 / messages }));
    session.unbind(() => session.close());
    setTimeout(() => process.exit(0), 200).unref();
  };
  if (warmup === 0) { cpuStart = process.cpuUsage(); start = process.hrtime.bigint(); }
  pump();
});
