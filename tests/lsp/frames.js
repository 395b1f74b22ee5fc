// LSP framing for the raw clients (robustness.js, bench/lsp_latency.js), which must see the
// server's bytes as they are and so use no client library.
'use strict';

/// Calls `onMessage(message)` for each framed JSON message the server writes on `stream`.
function readFrames(stream, onMessage) {
  let buffer = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString());
      buffer = buffer.subarray(end + 4 + length);
      onMessage(message);
    }
  });
}

/// One framed message: its Content-Length header (bytes, not characters), then its body.
function frame(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

module.exports = { readFrames, frame };
