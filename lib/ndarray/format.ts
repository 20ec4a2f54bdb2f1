// NumPy 1.24's repr() and str() of an ndarray, reproduced character for character.
//
// This is a port of numpy/core/arrayprint.py (FloatingFormat, IntegerFormat, BoolFormat,
// _formatArray, _leading_trailing, array_repr, array_str) with NumPy's default print
// options, plus the parts of numpy/core/src/multiarray/dragon4.c that decide which digits a
// float prints. Pure module: it depends on nothing else in lib.

export type FormatDType = "float64" | "float32" | "int32" | "bool";

/** NumPy's default print options (np.get_printoptions()). */
const PRECISION = 8;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 75;

/** NumPy's repr of an array given its values in C (row-major) order. */
export function formatArray(values: ArrayLike<number>, shape: readonly number[], dtype: FormatDType): string {
  const size = checkSize(values, shape);
  const prefix = "array(";
  // float64 and bool (and int64, which we don't have) are the dtypes NumPy leaves implied.
  const skipDType = (dtype === "float64" || dtype === "bool") && size > 0;
  let body: string;
  if (size > 0) {
    // The closing "," or ")" that follows the last line is reserved out of the line width.
    body = array2string(values, shape, dtype, ", ", prefix, LINE_WIDTH - 1);
  } else if (shape.length === 1) {
    body = "[]";
  } else {
    body = `[], shape=${shapeRepr(shape)}`;
  }
  const arrStr = prefix + body + (skipDType ? ")" : ",");
  if (skipDType) return arrStr;

  // The dtype goes on its own line when it would push the last line past the width.
  const dtypeStr = `dtype=${dtype})`;
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf("\n") + 1);
  const spacer = lastLineLen + dtypeStr.length + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length) : " ";
  return arrStr + spacer + dtypeStr;
}

/** NumPy's str() (what print(x) shows): no "array(" wrapper, no dtype, space-separated. */
export function formatArrayStr(values: ArrayLike<number>, shape: readonly number[], dtype: FormatDType): string {
  const size = checkSize(values, shape);
  // A 0-d array prints like its scalar, which has its own (unpadded, full precision) format.
  if (shape.length === 0) return scalarStr(values[0], dtype);
  if (size === 0) return "[]";
  return array2string(values, shape, dtype, " ", "", LINE_WIDTH);
}

function checkSize(values: ArrayLike<number>, shape: readonly number[]): number {
  let size = 1;
  for (const n of shape) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`formatArray: invalid shape (${shape.join(", ")})`);
    size *= n;
  }
  if (values.length !== size) {
    throw new RangeError(`formatArray: ${values.length} values do not fill shape (${shape.join(", ")})`);
  }
  return size;
}

/** Python's repr of a shape tuple: (0, 3), or (0,) for one axis. */
function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

// ---------------------------------------------------------------------------------------------
// Layout: _array2string and _formatArray
// ---------------------------------------------------------------------------------------------

type ElementFormatter = (x: number) => string;

/**
 * The "[...]" text of a non-empty array. `prefix` is what precedes the opening bracket on the
 * first line (continuation lines are indented to match it).
 */
function array2string(values: ArrayLike<number>, shape: readonly number[], dtype: FormatDType,
                      separator: string, prefix: string, lineWidth: number): string {
  const summarize = values.length > THRESHOLD;
  const layout = new Layout(shape, summarize);
  // Column widths come from the printed elements only, as NumPy formats the summarized data.
  const shown = layout.shownIndices().map((i) => values[i]);
  const format = makeFormatter(shown, dtype, shape.length === 0);
  const nextLinePrefix = " " + " ".repeat(prefix.length);
  return new ArrayWriter(values, layout, format, separator).write(nextLinePrefix, lineWidth);
}

/** Which indices of each axis are printed: all, or the edge items around a "...". */
class Layout {
  readonly strides: number[];

  constructor(readonly shape: readonly number[], readonly summarize: boolean) {
    this.strides = new Array<number>(shape.length);
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      this.strides[axis] = stride;
      stride *= shape[axis];
    }
  }

  /** True when `axis` is cut down to its leading and trailing EDGE_ITEMS. */
  isSummarized(axis: number): boolean {
    return this.summarize && this.shape[axis] > 2 * EDGE_ITEMS;
  }

  /** Printed positions along `axis`, in order (NumPy's _leading_trailing). */
  shownPositions(axis: number): number[] {
    const n = this.shape[axis];
    if (!this.isSummarized(axis)) return Array.from({ length: n }, (_, i) => i);
    const edges: number[] = [];
    for (let i = 0; i < EDGE_ITEMS; i++) edges.push(i);
    for (let i = n - EDGE_ITEMS; i < n; i++) edges.push(i);
    return edges;
  }

  /** Flat (C-order) indices of every printed element, in order. */
  shownIndices(): number[] {
    let offsets = [0];
    for (let axis = 0; axis < this.shape.length; axis++) {
      const positions = this.shownPositions(axis);
      const stride = this.strides[axis];
      offsets = offsets.flatMap((base) => positions.map((p) => base + p * stride));
    }
    return offsets;
  }
}

/** Port of _formatArray: nested brackets, line wrapping and summarization. */
class ArrayWriter {
  constructor(private readonly values: ArrayLike<number>, private readonly layout: Layout,
              private readonly format: ElementFormatter, private readonly separator: string) {}

  write(nextLinePrefix: string, lineWidth: number): string {
    return this.recurse(0, 0, nextLinePrefix, lineWidth);
  }

  /** Text of the sub-array starting at flat index `offset` whose first axis is `axis`. */
  private recurse(offset: number, axis: number, hangingIndent: string, currWidth: number): string {
    const { shape, strides } = this.layout;
    if (axis === shape.length) return this.format(this.values[offset]);

    // Nested rows sit one column further right, and must leave room for their "]".
    const nextIndent = hangingIndent + " ";
    const nextWidth = currWidth - 1;
    const stride = strides[axis];
    const n = shape[axis];
    const summarized = this.layout.isSummarized(axis);
    // Items before the "..." (if any) and after it; without summary everything is "after".
    const leading = summarized ? EDGE_ITEMS : 0;
    const trailing = summarized ? EDGE_ITEMS : n;
    const child = (i: number) => this.recurse(offset + i * stride, axis + 1, nextIndent, nextWidth);

    let s: string;
    if (axis === shape.length - 1) {
      // Last axis: elements separated on one line, wrapped when they would not fit.
      const elemWidth = currWidth - Math.max(this.separator.trimEnd().length, "]".length);
      const lines = new LineWrapper(hangingIndent, elemWidth);
      for (let i = 0; i < leading; i++) lines.word(child(i)).append(this.separator);
      if (summarized) lines.word("...").append(this.separator);
      for (let i = trailing; i > 1; i--) lines.word(child(n - i)).append(this.separator);
      lines.word(child(n - 1));
      s = lines.text();
    } else {
      // Other axes: one sub-array per line, with blank lines between blocks of 3-d and up.
      const lineSep = this.separator.trimEnd() + "\n".repeat(shape.length - axis - 1);
      const parts: string[] = [];
      for (let i = 0; i < leading; i++) parts.push(hangingIndent + child(i) + lineSep);
      if (summarized) parts.push(hangingIndent + "..." + lineSep);
      for (let i = trailing; i > 1; i--) parts.push(hangingIndent + child(n - i) + lineSep);
      parts.push(hangingIndent + child(n - 1));
      s = parts.join("");
    }
    // The hanging indent of the first line is replaced by the opening bracket.
    return "[" + s.slice(hangingIndent.length) + "]";
  }
}

/** Port of _extendLine: accumulates words into lines no longer than `width`. */
class LineWrapper {
  private done = "";
  private line: string;

  constructor(private readonly indent: string, private readonly width: number) {
    this.line = indent;
  }

  /** Adds a word, first breaking the line if the word would overflow it (unless it is empty). */
  word(word: string): this {
    if (this.line.length + word.length > this.width && this.line.length > this.indent.length) {
      this.done += this.line.trimEnd() + "\n";
      this.line = this.indent;
    }
    this.line += word;
    return this;
  }

  /** Appends text (a separator) without considering a line break. */
  append(text: string): this {
    this.line += text;
    return this;
  }

  text(): string {
    return this.done + this.line;
  }
}

// ---------------------------------------------------------------------------------------------
// Element formatters: BoolFormat, IntegerFormat, FloatingFormat and scalar str()
// ---------------------------------------------------------------------------------------------

type FloatDType = "float64" | "float32";

/** The formatter NumPy builds from the printed elements `data` (_get_format_function). */
function makeFormatter(data: number[], dtype: FormatDType, is0d: boolean): ElementFormatter {
  switch (dtype) {
    case "bool": return boolFormatter(is0d);
    case "int32": return intFormatter(data);
    case "float64":
    case "float32": {
      const format = new FloatingFormat(data, dtype);
      return (x) => format.format(x);
    }
  }
}

/** BoolFormat: " True" is padded to the width of "False", except in a 0-d array. */
function boolFormatter(is0d: boolean): ElementFormatter {
  const trueStr = is0d ? "True" : " True";
  return (x) => (x ? trueStr : "False");
}

/** IntegerFormat: right-aligned to the wider of the minimum and the maximum. */
function intFormatter(data: number[]): ElementFormatter {
  let min = Infinity;
  let max = -Infinity;
  for (const x of data) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const width = data.length > 0 ? Math.max(String(max).length, String(min).length) : 0;
  return (x) => String(x).padStart(width);
}

/** str() of a 0-d array is the str() of its scalar: full shortest round-trip digits. */
function scalarStr(x: number, dtype: FormatDType): string {
  if (dtype === "bool") return x ? "True" : "False";
  if (dtype === "int32") return String(x);
  const v = dtype === "float32" ? Math.fround(x) : x;
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v < 0 ? "-inf" : "inf";
  // NumPy's float scalar str switches to scientific outside [1e-4, 1e16), compared as float64.
  const abs = Math.abs(v);
  if (abs === 0 || (abs >= 1e-4 && abs < 1e16)) {
    return formatPositional(v, dtype, { precision: -1, minDigits: -1, trim: "0", padLeft: -1, padRight: -1 });
  }
  return formatScientific(v, dtype, { precision: -1, minDigits: -1, trim: "-", padLeft: -1, expDigits: -1 });
}

/**
 * Port of FloatingFormat for floatmode='maxprec', sign='-', suppress=False: one pass over the
 * printed values picks positional or scientific notation and the padding that aligns the
 * decimal points; `format` then prints each element with those settings.
 */
class FloatingFormat {
  private expFormat = false;
  private precision = PRECISION;
  private minDigits = -1;
  private trim: Trim = ".";
  private padLeft = 0;
  private padRight = 0;
  private expSize = -1;

  constructor(data: number[], private readonly dtype: FloatDType) {
    this.fillFormat(dtype === "float32" ? data.map(Math.fround) : data);
  }

  format(x: number): string {
    const v = this.dtype === "float32" ? Math.fround(x) : x;
    if (!Number.isFinite(v)) {
      const text = Number.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
      return text.padStart(this.padLeft + this.padRight + 1);
    }
    if (this.expFormat) {
      return formatScientific(v, this.dtype, {
        precision: this.precision, minDigits: this.minDigits, trim: this.trim,
        padLeft: this.padLeft, expDigits: this.expSize,
      });
    }
    return formatPositional(v, this.dtype, {
      precision: this.precision, minDigits: this.minDigits, trim: this.trim,
      padLeft: this.padLeft, padRight: this.padRight,
    });
  }

  private fillFormat(data: number[]): void {
    // Only finite values decide the notation and the number of digits.
    const finite = data.filter((x) => Number.isFinite(x));
    this.expFormat = this.needsExpFormat(finite);

    if (finite.length === 0) {
      this.padLeft = 0;
      this.padRight = 0;
    } else if (this.expFormat) {
      // Print every value uniquely (up to `precision` digits), then use the longest fraction
      // for all of them, padding shorter ones with their exact further digits.
      const parts = finite.map((x) => {
        const s = formatScientific(x, this.dtype, {
          precision: PRECISION, minDigits: -1, trim: ".", padLeft: -1, expDigits: -1,
        });
        const e = s.indexOf("e");
        const [intPart, fracPart] = s.slice(0, e).split(".");
        return { intPart, fracPart, expPart: s.slice(e + 1) };
      });
      this.expSize = maxLength(parts.map((p) => p.expPart)) - 1;
      this.trim = "k";
      this.precision = maxLength(parts.map((p) => p.fracPart));
      this.minDigits = this.precision;
      this.padLeft = maxLength(parts.map((p) => p.intPart));
      this.padRight = this.expSize + 2 + this.precision;
    } else {
      const parts = finite.map((x) => formatPositional(x, this.dtype, {
        precision: PRECISION, minDigits: -1, trim: ".", padLeft: -1, padRight: -1,
      }).split("."));
      this.padLeft = maxLength(parts.map((p) => p[0]));
      this.padRight = maxLength(parts.map((p) => p[1]));
      this.trim = ".";
      this.minDigits = 0;
    }

    // nan, inf and -inf are right-aligned in the same width, which they may widen.
    if (finite.length !== data.length) {
      const negInf = data.some((x) => x === -Infinity);
      const offset = this.padRight + 1;
      this.padLeft = Math.max(this.padLeft, "nan".length - offset, "inf".length + (negInf ? 1 : 0) - offset);
    }
  }

  /** Scientific when values are huge, tiny, or span more than three orders of magnitude. */
  private needsExpFormat(finite: number[]): boolean {
    let max = -Infinity;
    let min = Infinity;
    for (const x of finite) {
      const a = Math.abs(x);
      if (a === 0) continue;
      if (a > max) max = a;
      if (a < min) min = a;
    }
    if (max === -Infinity) return false;
    // NumPy divides two float32 scalars in float32; the comparisons happen in float64.
    const ratio = this.dtype === "float32" ? Math.fround(max / min) : max / min;
    return max >= 1e8 || min < 1e-4 || ratio > 1000;
  }
}

function maxLength(strings: string[]): number {
  let n = 0;
  for (const s of strings) n = Math.max(n, s.length);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Digit generation and placement: port of numpy/core/src/multiarray/dragon4.c
// ---------------------------------------------------------------------------------------------

/**
 * Trailing-zero handling (NumPy's `trim`): "k" keeps them, "." trims zeros but keeps the
 * point, "0" leaves one zero after the point, "-" trims zeros and the point.
 */
type Trim = "k" | "." | "0" | "-";

/** Options of format_float_positional (always unique=True, fractional=True, sign=False). */
interface PositionalOptions {
  precision: number; // max digits after the point, -1 for unlimited
  minDigits: number; // min digits after the point, -1 for none
  trim: Trim;
  padLeft: number; // pad with spaces to this many characters before the point (-1: none)
  padRight: number; // pad with spaces to this many characters after the point (-1: none)
}

/** Options of format_float_scientific (always unique=True, sign=False). */
interface ScientificOptions {
  precision: number; // max digits after the point, -1 for unlimited
  minDigits: number; // min digits after the point, -1 for none
  trim: Trim;
  padLeft: number;
  expDigits: number; // pad the exponent with zeros to this many digits (-1: at least 2)
}

/** format_float_positional: "ddd.ddd". */
function formatPositional(x: number, dtype: FloatDType, o: PositionalOptions): string {
  const parts = decompose(x, dtype);
  const { digits, exponent } = dragon4(parts, "fraction", o.precision, o.minDigits);

  let text: string;
  let whole: number; // digits before the point
  let frac: number; // digits after the point
  if (exponent >= 0) {
    whole = exponent + 1;
    if (digits.length <= whole) {
      text = digits + "0".repeat(whole - digits.length);
      frac = 0;
    } else {
      text = digits.slice(0, whole) + "." + digits.slice(whole);
      frac = digits.length - whole;
    }
  } else {
    const zeros = -(exponent + 1);
    text = "0." + "0".repeat(zeros) + digits;
    whole = 1;
    frac = zeros + digits.length;
  }
  if (o.trim !== "-" && frac === 0) text += ".";

  const { text: trimmed, frac: fracDigits } = applyTrim(text, frac, o.trim, Math.max(o.minDigits, 0));
  text = trimmed;
  if (o.padRight >= fracDigits) {
    if (o.trim === "-" && fracDigits === 0) text += " "; // stands in for the missing point
    text += " ".repeat(o.padRight - fracDigits);
  }
  const sign = parts.negative ? "-" : "";
  const padLeft = Math.max(o.padLeft - (whole + sign.length), 0);
  return " ".repeat(padLeft) + sign + text;
}

/** format_float_scientific: "d.ddde+XX". */
function formatScientific(x: number, dtype: FloatDType, o: ScientificOptions): string {
  const parts = decompose(x, dtype);
  const sign = parts.negative ? "-" : "";
  const padLeft = Math.max(o.padLeft - (1 + sign.length), 0);
  // Scientific precision counts digits after the point; Dragon4 counts them all.
  const { digits, exponent } = dragon4(parts, "total",
    o.precision < 0 ? -1 : o.precision + 1, o.minDigits < 0 ? -1 : o.minDigits + 1);

  let text = digits[0];
  let frac = digits.length - 1;
  if (frac > 0) text += "." + digits.slice(1);
  if (o.trim !== "-" && frac === 0) text += ".";
  ({ text, frac } = applyTrim(text, frac, o.trim, Math.max(o.minDigits, 0)));

  const expDigits = o.expDigits < 0 ? 2 : Math.min(o.expDigits, 5);
  const expText = String(Math.abs(exponent)).padStart(expDigits, "0");
  return " ".repeat(padLeft) + sign + text + "e" + (exponent >= 0 ? "+" : "-") + expText;
}

/** Adds or removes trailing fraction zeros as `trim` asks; `minFrac` applies to "k" only. */
function applyTrim(text: string, frac: number, trim: Trim, minFrac: number): { text: string; frac: number } {
  if (trim === "0") {
    if (frac === 0) return { text: text + "0", frac: 1 };
  } else if (trim === "k") {
    if (minFrac > frac) return { text: text + "0".repeat(minFrac - frac), frac: minFrac };
    return { text, frac };
  }
  // Rounding can leave trailing zeros; "." "0" and "-" remove them.
  if (frac > 0) {
    while (text.endsWith("0")) {
      text = text.slice(0, -1);
      frac--;
    }
    if (text.endsWith(".")) {
      if (trim === "0") {
        text += "0";
        frac++;
      } else if (trim === "-") {
        text = text.slice(0, -1);
      }
    }
  }
  return { text, frac };
}

/** A finite float as mantissa * 2^exponent, with what Dragon4 needs to know about its neighbours. */
interface FloatParts {
  negative: boolean;
  mantissa: bigint;
  exponent: number;
  mantissaBit: number; // index of the highest set bit of the mantissa
  unequalMargins: boolean; // the gap to the next float down is half the gap up (powers of 2)
}

const FLOAT_LAYOUT = {
  float64: { fractionBits: 52, bias: 1023 },
  float32: { fractionBits: 23, bias: 127 },
};

const bitsView = new DataView(new ArrayBuffer(8));

function decompose(x: number, dtype: FloatDType): FloatParts {
  const { fractionBits, bias } = FLOAT_LAYOUT[dtype];
  let negative: boolean;
  let biasedExponent: number;
  let fraction: bigint;
  if (dtype === "float64") {
    bitsView.setFloat64(0, x);
    const hi = bitsView.getUint32(0);
    negative = hi >>> 31 === 1;
    biasedExponent = (hi >>> 20) & 0x7ff;
    fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(bitsView.getUint32(4));
  } else {
    bitsView.setFloat32(0, x);
    const bits = bitsView.getUint32(0);
    negative = bits >>> 31 === 1;
    biasedExponent = (bits >>> 23) & 0xff;
    fraction = BigInt(bits & 0x7fffff);
  }
  if (biasedExponent !== 0) {
    return {
      negative,
      mantissa: (1n << BigInt(fractionBits)) | fraction,
      exponent: biasedExponent - bias - fractionBits,
      mantissaBit: fractionBits,
      unequalMargins: biasedExponent !== 1 && fraction === 0n,
    };
  }
  // Subnormal (or zero).
  return {
    negative,
    mantissa: fraction,
    exponent: 1 - bias - fractionBits,
    mantissaBit: fraction === 0n ? 0 : fraction.toString(2).length - 1,
    unequalMargins: false,
  };
}

/** Digits are never generated beyond this many (NumPy's output buffer bounds them likewise). */
const MAX_DIGITS = 16384;

/**
 * Dragon4 in "unique" mode: the shortest digits that round-trip to the same float, stopping
 * at the `cutoffMax` digit and continuing to at least `cutoffMin` digits (-1: no limit).
 * Cutoffs count digits after the point ("fraction") or all significant digits ("total").
 * Returns the digits and the decimal exponent of the first one. Exact BigInt arithmetic:
 * value = scaledValue / scale, and the margins are half the gaps to the neighbouring floats.
 */
function dragon4(parts: FloatParts, cutoffMode: "total" | "fraction",
                 cutoffMax: number, cutoffMin: number): { digits: string; exponent: number } {
  const { mantissa, exponent, mantissaBit, unequalMargins } = parts;
  if (mantissa === 0n) return { digits: "0", exponent: 0 };

  // Boundaries between neighbours round to the even one, so an even mantissa owns them.
  const isEven = (mantissa & 1n) === 0n;
  // Everything is doubled (quadrupled with unequal margins) so that the margins are integers.
  const shift = unequalMargins ? 2 : 1;
  let scaledValue: bigint;
  let scale: bigint;
  let marginLow: bigint;
  if (exponent > 0) {
    scaledValue = mantissa << BigInt(exponent + shift);
    scale = 1n << BigInt(shift);
    marginLow = 1n << BigInt(exponent);
  } else {
    scaledValue = mantissa << BigInt(shift);
    scale = 1n << BigInt(-exponent + shift);
    marginLow = 1n;
  }
  const marginHigh = (low: bigint) => (unequalMargins ? low * 2n : low);

  // Estimate floor(log10(value)) + 1; it is exact or one too low (Burger and Dybvig).
  const log10of2 = 0.30102999566398119521373889472449;
  let digitExponent = Math.ceil((mantissaBit + exponent) * log10of2 - 0.69);
  // With a fraction cutoff, start no lower than the cutoff allows; rounding then fixes it up.
  if (cutoffMax >= 0 && cutoffMode === "fraction" && digitExponent <= -cutoffMax) {
    digitExponent = -cutoffMax + 1;
  }
  if (digitExponent > 0) {
    scale *= 10n ** BigInt(digitExponent);
  } else if (digitExponent < 0) {
    const pow10 = 10n ** BigInt(-digitExponent);
    scaledValue *= pow10;
    marginLow *= pow10;
  }
  if (scaledValue >= scale) {
    digitExponent += 1; // the estimate was one too low
  } else {
    scaledValue *= 10n;
    marginLow *= 10n;
  }

  // Exponents of the last digit we may print and of the last digit we must print.
  let cutoffMaxExponent = digitExponent - MAX_DIGITS;
  if (cutoffMax >= 0) {
    const desired = cutoffMode === "total" ? digitExponent - cutoffMax : -cutoffMax;
    cutoffMaxExponent = Math.max(cutoffMaxExponent, desired);
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = cutoffMode === "total" ? digitExponent - cutoffMin : -cutoffMin;
    cutoffMinExponent = Math.min(cutoffMinExponent, desired);
  }
  let outExponent = digitExponent - 1;

  const digits: number[] = [];
  let digit: number;
  let low: boolean;
  let high: boolean;
  for (;;) {
    digitExponent -= 1;
    digit = Number(scaledValue / scale);
    scaledValue %= scale;
    // Stop once the digits so far, rounded down (low) or up (high), identify the float.
    const cmpLow = compare(scaledValue, marginLow);
    low = isEven ? cmpLow <= 0 : cmpLow < 0;
    const cmpHigh = compare(scaledValue + marginHigh(marginLow), scale);
    high = isEven ? cmpHigh >= 0 : cmpHigh > 0;
    if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
    digits.push(digit);
    scaledValue *= 10n;
    marginLow *= 10n;
  }

  // Round the final digit: down if only that is safe, else to nearest (ties to even digit).
  let roundDown = low;
  if (low === high) {
    const cmpHalf = compare(scaledValue * 2n, scale);
    roundDown = cmpHalf < 0 || (cmpHalf === 0 && (digit & 1) === 0);
  }
  if (roundDown) {
    digits.push(digit);
  } else if (digit < 9) {
    digits.push(digit + 1);
  } else {
    // Carry: drop trailing nines and increment the digit before them.
    while (digits.length > 0 && digits[digits.length - 1] === 9) digits.pop();
    if (digits.length === 0) {
      digits.push(1);
      outExponent += 1;
    } else {
      digits[digits.length - 1] += 1;
    }
  }
  return { digits: digits.join(""), exponent: outExponent };
}

function compare(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
