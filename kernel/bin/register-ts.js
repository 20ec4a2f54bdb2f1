// Lets Node require the kernel's .ts files directly: each file is transpiled (types stripped, no
// type check) to CommonJS on load with the TypeScript that tslab already depends on. There is no
// build step and no build folder; `npm test` type-checks the same files with the project's tsc.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");

const kernelDir = path.resolve(__dirname, "..");
const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [kernelDir] }));
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] }));

const previous = Module._extensions[".ts"];
Module._extensions[".ts"] = function (module, filename) {
  if (!filename.startsWith(kernelDir + path.sep)) {
    if (previous) return previous(module, filename);
    throw new Error(`nnbook kernel: refusing to load ${filename} outside kernel/`);
  }
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
