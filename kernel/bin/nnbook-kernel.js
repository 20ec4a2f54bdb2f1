#!/usr/bin/env node
// Entry point of the nnbook Jupyter kernel and its launcher. See kernel/main.ts.
"use strict";
require("./register-ts");
require("../main.ts")
  .main(process.argv.slice(2))
  .catch((err) => {
    process.stderr.write(`nnbook kernel: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
