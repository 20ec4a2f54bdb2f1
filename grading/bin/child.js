// Entry of the sandboxed grading child (see grading/child.ts). Not meant to be run by hand.
"use strict";
const reallyExit = process.reallyExit.bind(process);
require("./register.js");
require("../child.ts").main().catch((e) => {
  try { require("fs").writeSync(2, `nnbook grading child: ${(e && e.stack) || e}\n`); } catch { /* nothing left to tell */ }
  reallyExit(70);
});
