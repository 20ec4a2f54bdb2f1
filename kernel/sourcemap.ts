// Source maps, just enough to point a runtime error at the TypeScript line that caused it.
//
// tslab compiles a cell in two steps: TypeScript -> ES module JS (its watch program) and
// ES module -> CommonJS (transpileModule). We ask both steps for an inline source map (see
// tslab.ts), so a compiled cell ends with two `//# sourceMappingURL=data:...` comments: the first
// maps ESM -> TS, the last maps CJS -> ESM. `CellMap` composes them.

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map<string, number>([...B64].map((c, i) => [c, i]));

/** One mapping segment: generated column -> original (source index, line, column), 0-based. */
export interface Segment {
  genCol: number;
  source: number;
  line: number;
  col: number;
}

export interface RawSourceMap {
  version: number;
  sources: string[];
  mappings: string;
}

/** Decodes one VLQ-encoded field group ("AAAA") into numbers. */
export function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64_INDEX.get(ch);
    if (digit === undefined) throw new Error(`invalid base64 VLQ character ${JSON.stringify(ch)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Decodes a source map's `mappings` into segments per generated line, sorted by column. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let col = 0;
  for (const lineText of mappings.split(";")) {
    const segs: Segment[] = [];
    let genCol = 0;
    for (const field of lineText.split(",")) {
      if (!field) continue;
      const v = decodeVlq(field);
      genCol += v[0];
      if (v.length >= 4) {
        source += v[1];
        line += v[2];
        col += v[3];
        segs.push({ genCol, source, line, col });
      }
    }
    segs.sort((a, b) => a.genCol - b.genCol);
    lines.push(segs);
  }
  return lines;
}

/** A decoded source map that answers "where did generated (line, col) come from?". */
export class SourceMap {
  private readonly lines: Segment[][];
  constructor(readonly raw: RawSourceMap) {
    this.lines = decodeMappings(raw.mappings);
  }

  /**
   * Original position of a generated position (0-based line and column). Takes the last segment
   * at or before the column, or the line's first segment when the column precedes them all.
   */
  lookup(line: number, col: number): { source: string; line: number; col: number } | null {
    const segs = this.lines[line];
    if (!segs || segs.length === 0) return null;
    let found = segs[0];
    for (const s of segs) {
      if (s.genCol <= col) found = s;
      else break;
    }
    return { source: this.raw.sources[found.source] ?? "", line: found.line, col: found.col };
  }
}

const INLINE_MAP = /^\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/gm;

/** All inline source maps in a JS text, in the order they appear. */
export function inlineSourceMaps(js: string): SourceMap[] {
  const maps: SourceMap[] = [];
  for (const m of js.matchAll(INLINE_MAP)) {
    maps.push(new SourceMap(JSON.parse(Buffer.from(m[1], "base64").toString("utf8")) as RawSourceMap));
  }
  return maps;
}

/** Removes inline source map comments (so Node does not try to apply them itself). */
export function stripInlineSourceMaps(js: string): string {
  return js.replace(INLINE_MAP, "");
}

/**
 * Maps positions in tslab's CommonJS output back to the TypeScript source through both inline
 * maps. `lineOffset` is subtracted from the final line: tslab compiles `export {};\n` + cell.
 */
export class ComposedMap {
  private readonly outer: SourceMap | null;
  private readonly inner: SourceMap | null;
  constructor(js: string, private readonly lineOffset = 0) {
    const maps = inlineSourceMaps(js);
    // First map: ESM -> TS (from the watch program). Last map: CJS -> ESM (from transpileModule).
    this.inner = maps.length >= 2 ? maps[0] : null;
    this.outer = maps.length >= 1 ? maps[maps.length - 1] : null;
  }

  /** Maps a 0-based (line, col) in the CommonJS output to a 0-based position in the TS source. */
  toSource(line: number, col: number): { line: number; col: number } | null {
    if (!this.outer) return null;
    const esm = this.outer.lookup(line, col);
    if (!esm) return null;
    if (!this.inner) return { line: esm.line - this.lineOffset, col: esm.col };
    const ts = this.inner.lookup(esm.line, esm.col);
    if (!ts) return null;
    return { line: Math.max(0, ts.line - this.lineOffset), col: ts.col };
  }
}
