// Lets Node require grading/*.ts (and, through the kernel's own hook, kernel/*.ts) directly: each
// file is transpiled (types stripped, no type check) with the TypeScript tslab depends on, as
// kernel/bin/register-ts.js does for kernel/. `npm test` type-checks the same files.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");

const gradingDir = path.resolve(__dirname, "..");
const root = path.dirname(gradingDir);
if (!Module._extensions[".ts"] || !Module._extensions[".ts"].nnbookGrading) {
  const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [root] }));
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslabDir] }));
  const previous = Module._extensions[".ts"];
  const hook = function (module, filename) {
    if (!filename.startsWith(gradingDir + path.sep)) {
      if (previous) return previous(module, filename);
      throw new Error(`nnbook grading: refusing to load ${filename} outside grading/`);
    }
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true, inlineSourceMap: true },
    });
    module._compile(outputText, filename);
  };
  hook.nnbookGrading = true;
  Module._extensions[".ts"] = hook;
  // The kernel's hook handles kernel/ and hands everything else to ours.
  require(path.join(root, "kernel", "bin", "register-ts.js"));
  Module._extensions[".ts"].nnbookGrading = true;
}
