// Settings read from the environment, for notebooks.

/**
 * Fast mode shrinks data and epochs in the lessons so the whole set runs in minutes. On when
 * NNBOOK_FAST=1, or when CI is set (unless NNBOOK_FAST=0).
 */
export function isFastMode(): boolean {
  const env = typeof process === "undefined" ? {} : process.env;
  if (env.NNBOOK_FAST === "1" || env.NNBOOK_FAST === "true") return true;
  if (env.NNBOOK_FAST === "0" || env.NNBOOK_FAST === "false") return false;
  return env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI !== "false";
}
