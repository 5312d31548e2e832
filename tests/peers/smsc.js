'use strict';
// A scriptable SMSC for BeAlert's SMPP tests and load runs, built on the npm `smpp` package (not our code).
// Listens on 127.0.0.1; prints "LISTENING <port>" once ready. Configured by environment variables, changed at run time
// by one-line JSON commands on stdin; each command gets one JSON line back on stdout, prefixed "REPLY ".
//
// Environment (all optional):
//   SMSC_PORT          port (0 = any free port; default 0)
//   SMSC_SYSTEM_ID     accepted system_id (default "test")
//   SMSC_PASSWORD      accepted password (default "secret")
//   SMSC_DELAY_MS      delay before each submit_sm_resp, in ms (default 0): injected round-trip time
//   SMSC_THROTTLE      fraction 0..1 of submits answered ESME_RTHROTTLED (default 0)
//   SMSC_RECEIPTS      "text-hex" | "text-dec" | "tlv" | "none" (default "none"): receipts sent after each accepted submit
//   SMSC_ID_STYLE      "hex" | "dec" (default "hex"): how message_id is written in submit_sm_resp
//   SMSC_RECORD        "1" to remember every submit for the "submits" command (default "1"; "0" for load runs)
//   SMSC_MAX_SECONDS   exits by itself after this many seconds (default 600)
//   SMSC_CONTROL       "0" to ignore stdin (run from a shell in the background); by default the SMSC reads commands
//                      from stdin and exits when stdin closes, so it never outlives the test that started it
//
// stdin commands (JSON, one per line):
//   {"cmd":"stats"}                              -> counters
//   {"cmd":"submits"}                            -> every recorded submit_sm
//   {"cmd":"set", ...fields}                     -> changes delay_ms, throttle, receipts, id_style, fail (see below)
//   {"cmd":"fail","prefix":"+99","status":11}    -> submits to destinations starting with prefix get that command_status
//   {"cmd":"fail_once","count":3,"status":8}     -> the next `count` submits get that status
//   {"cmd":"drop_after","count":5}               -> after `count` more submits are received, close every session
//                                                   without answering them (the last `count` go unanswered)
//   {"cmd":"disconnect"}                         -> closes every session now
//   {"cmd":"raw","hex":"0000..."}                -> writes these bytes to every session (malformed PDUs)
//   {"cmd":"enquire"}                            -> sends enquire_link to every session
//   {"cmd":"receipt","id":"1A","format":"text-dec","stat":"DELIVRD"} -> sends one receipt now
//   {"cmd":"unbind"}                             -> sends unbind to every session
const smpp = require('smpp');
const readline = require('readline');

const env = process.env;
const config = {
  systemId: env.SMSC_SYSTEM_ID || 'test',
  password: env.SMSC_PASSWORD || 'secret',
  delayMs: Number(env.SMSC_DELAY_MS || 0),
  throttle: Number(env.SMSC_THROTTLE || 0),
  receipts: env.SMSC_RECEIPTS || 'none',
  idStyle: env.SMSC_ID_STYLE || 'hex',
  record: (env.SMSC_RECORD || '1') === '1',
};
const failPrefixes = [];
let failOnce = { count: 0, status: 0 };
let dropAfter = -1;
const stats = { binds: 0, bind_failures: 0, submits: 0, accepted: 0, throttled: 0, failed: 0, enquire_links: 0,
  unbinds: 0, enquire_link_resps: 0, unbind_resps: 0, receipts_sent: 0, receipt_acks: 0, generic_nacks: 0, errors: 0, dropped_unanswered: 0 };
const submits = [];
const sessions = new Set();
let nextId = 0x1000;

function formatId(n, style) { return style === 'dec' ? String(n) : n.toString(16).toUpperCase(); }

function pad(n) { return String(n).padStart(2, '0'); }
function smppDate(d, withSeconds) {
  const s = pad(d.getUTCFullYear() % 100) + pad(d.getUTCMonth() + 1) + pad(d.getUTCDate()) + pad(d.getUTCHours()) + pad(d.getUTCMinutes());
  return withSeconds ? s + pad(d.getUTCSeconds()) : s;
}

function sendReceipt(session, numericId, format, stat, dest) {
  const now = new Date();
  const fields = { source_addr: dest || '', destination_addr: '1789', esm_class: 0x04 };
  if (format === 'tlv') {
    fields.receipted_message_id = formatId(numericId, config.idStyle);
    fields.message_state = stat === 'DELIVRD' ? 2 : stat === 'EXPIRED' ? 3 : 5;
    fields.short_message = '';
  } else {
    const id = format === 'text-dec' ? String(numericId) : numericId.toString(16).toUpperCase();
    const withSeconds = format === 'text-dec';
    fields.short_message = `id:${id} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${smppDate(now, withSeconds)}` +
      ` done date:${smppDate(now, withSeconds)} stat:${stat} err:000 text:BE-Alert`;
  }
  session.deliver_sm(fields, () => { stats.receipt_acks++; });
  stats.receipts_sent++;
}

function closeAll() {
  for (const s of sessions) { s.destroy(); }
  sessions.clear();
}

function respondSubmit(session, pdu) {
  const dest = pdu.destination_addr;
  let status = 0;
  const rule = failPrefixes.find(f => dest.startsWith(f.prefix));
  if (rule) { status = rule.status; }
  else if (failOnce.count > 0) { failOnce.count--; status = failOnce.status; }
  else if (config.throttle > 0 && Math.random() < config.throttle) { status = smpp.ESME_RTHROTTLED; }
  const answer = () => {
    if (session.socket.destroyed || !session.socket.writable) { stats.unanswered_closed = (stats.unanswered_closed || 0) + 1; return; }
    if (status === 0) {
      const n = ++nextId;
      stats.accepted++;
      session.send(pdu.response({ message_id: formatId(n, config.idStyle) }));
      if (config.receipts !== 'none' && (pdu.registered_delivery & 1)) {
        sendReceipt(session, n, config.receipts, 'DELIVRD', dest);
      }
    } else {
      if (status === smpp.ESME_RTHROTTLED || status === smpp.ESME_RMSGQFUL) { stats.throttled++; } else { stats.failed++; }
      session.send(pdu.response({ command_status: status }));
    }
  };
  if (config.delayMs > 0) { setTimeout(answer, config.delayMs); } else { answer(); }
}

const server = smpp.createServer({}, session => {
  session.socket.setNoDelay(true); // as SMSCs do: a response is not held back waiting for an ACK (Nagle)
  sessions.add(session);
  session.on('close', () => sessions.delete(session));
  session.on('error', e => { stats.errors++; console.error('session error: ' + e.message); });
  const bind = pdu => {
    if (pdu.system_id === config.systemId && pdu.password === config.password) {
      stats.binds++;
      session.send(pdu.response({ system_id: 'bealert-test-smsc' }));
    } else {
      stats.bind_failures++;
      session.send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
      session.close();
    }
  };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('submit_sm', pdu => {
    if (session.socket.destroyed) { return; } // PDUs still buffered after a deliberate drop never "arrived"
    stats.submits++;
    if (config.record) {
      const sm = pdu.short_message || {};
      submits.push({
        source_addr: pdu.source_addr, source_addr_ton: pdu.source_addr_ton, source_addr_npi: pdu.source_addr_npi,
        destination_addr: pdu.destination_addr, dest_addr_ton: pdu.dest_addr_ton, dest_addr_npi: pdu.dest_addr_npi,
        esm_class: pdu.esm_class, data_coding: pdu.data_coding, registered_delivery: pdu.registered_delivery,
        udh: (sm.udh || []).map(b => Buffer.from(b).toString('hex')), message: sm.message,
        payload: pdu.message_payload ? pdu.message_payload.message : undefined,
        sar_msg_ref_num: pdu.sar_msg_ref_num, sar_total_segments: pdu.sar_total_segments,
        sar_segment_seqnum: pdu.sar_segment_seqnum,
      });
    }
    if (dropAfter > 0) {
      dropAfter--;
      stats.dropped_unanswered++;
      if (dropAfter === 0) { dropAfter = -1; closeAll(); }
      return;
    }
    respondSubmit(session, pdu);
  });
  session.on('enquire_link', pdu => { stats.enquire_links++; session.send(pdu.response()); });
  session.on('unbind', pdu => { stats.unbinds++; session.send(pdu.response()); session.close(); });
  session.on('generic_nack', () => { stats.generic_nacks++; });
  session.on('enquire_link_resp', () => { stats.enquire_link_resps++; });
  session.on('unbind_resp', () => { stats.unbind_resps++; });
});

server.on('error', e => { console.error('server error: ' + e.message); process.exit(2); });
server.listen(Number(env.SMSC_PORT || 0), '127.0.0.1', () => {
  console.log('LISTENING ' + server.address().port);
});

function reply(obj) { process.stdout.write('REPLY ' + JSON.stringify(obj) + '\n'); }

const rl = (env.SMSC_CONTROL || '1') === '1' ? readline.createInterface({ input: process.stdin }) : null;
if (rl) rl.on('line', line => {
  let c;
  try { c = JSON.parse(line); } catch (e) { reply({ error: 'not JSON: ' + e.message }); return; }
  switch (c.cmd) {
    case 'stats': reply(Object.assign({ sessions: sessions.size }, stats)); break;
    case 'submits': reply({ submits }); break;
    case 'set':
      if ('delay_ms' in c) { config.delayMs = Number(c.delay_ms); }
      if ('throttle' in c) { config.throttle = Number(c.throttle); }
      if ('receipts' in c) { config.receipts = String(c.receipts); }
      if ('id_style' in c) { config.idStyle = String(c.id_style); }
      reply({ ok: true });
      break;
    case 'fail': failPrefixes.push({ prefix: String(c.prefix), status: Number(c.status) }); reply({ ok: true }); break;
    case 'fail_once': failOnce = { count: Number(c.count), status: Number(c.status) }; reply({ ok: true }); break;
    case 'drop_after': dropAfter = Number(c.count); reply({ ok: true }); break;
    case 'disconnect': closeAll(); reply({ ok: true }); break;
    case 'raw': for (const s of sessions) { s.socket.write(Buffer.from(String(c.hex), 'hex')); } reply({ ok: true }); break;
    case 'enquire': for (const s of sessions) { s.enquire_link(); } reply({ ok: true }); break;
    case 'unbind': for (const s of sessions) { s.unbind(); } reply({ ok: true }); break;
    case 'receipt': {
      const n = parseInt(String(c.id), c.format === 'text-dec' ? 10 : 16);
      for (const s of sessions) { sendReceipt(s, n, c.format || 'text-hex', c.stat || 'DELIVRD', c.dest); }
      reply({ ok: true });
      break;
    }
    default: reply({ error: 'unknown command ' + c.cmd });
  }
});
if (rl) rl.on('close', () => { server.close(); closeAll(); process.exit(0); });

setTimeout(() => { console.error('smsc.js: SMSC_MAX_SECONDS reached, exiting'); process.exit(3); },
  Number(env.SMSC_MAX_SECONDS || 600) * 1000).unref();
