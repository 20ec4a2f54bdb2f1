#!/usr/bin/env node
// npm run release / npm run grade (see grading/cli.ts).
"use strict";
require("./register.js");
require("../cli.ts").main(process.argv.slice(2)).catch((e) => {
  console.error(`nnbook-grading: ${(e && e.stack) || e}`);
  process.exit(70);
});
