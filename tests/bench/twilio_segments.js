// Runs Twilio's open-source segment calculator (npm sms-segments-calculator) on texts sent as JSON on stdin.
// Usage: node twilio_segments.js <directory holding node_modules/sms-segments-calculator>
// stdin:  {"texts": ["...", ...], "time_calls": 0}
// stdout: [{"encoding": "GSM-7", "segments": 1, "units": 12, "ms_per_call": null}, ...]
// With time_calls > 0 each text is also counted that many times and the mean time per call is reported,
// measured here inside node so that process start-up and JSON transport are not part of it.
"use strict";

const path = require("path");

const moduleDir = path.join(process.argv[2], "node_modules", "sms-segments-calculator");
const { SegmentedMessage } = require(moduleDir);

function describe(text) {
  const message = new SegmentedMessage(text);
  const bitsPerUnit = message.encodingName === "GSM-7" ? 7 : 16;
  return {
    encoding: message.encodingName,
    segments: message.segmentsCount,
    units: message.messageSize / bitsPerUnit,
  };
}

function timePerCall(text, calls) {
  for (let i = 0; i < Math.min(calls, 20); i++) new SegmentedMessage(text); // warm the JIT up
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) new SegmentedMessage(text);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6 / calls;
    best = Math.min(best, elapsed);
  }
  return best;
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  input += chunk;
});
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const calls = request.time_calls || 0;
  const results = request.texts.map((text) => {
    const result = describe(text);
    result.ms_per_call = calls > 0 ? timePerCall(text, calls) : null;
    return result;
  });
  process.stdout.write(JSON.stringify(results));
});
