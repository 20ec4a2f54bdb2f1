// Errors of the data tools. Like np's errors they carry a machine-readable `code` and the op that
// raised them; people read the message, which names the file, row, column or argument at fault.

export type DataErrorCode =
  | "parse"     // a value or a file that cannot be read as what it should be (number, IDX, CSV)
  | "ragged"    // a CSV row with the wrong number of fields
  | "value"     // a bad argument (batch size 0, fractions that do not add up, unfitted scaler)
  | "shape"     // arrays whose shapes do not fit together
  | "missing";  // a dataset that is not installed

export interface DataErrorDetails {
  /** The file being read, when there is one. */
  file?: string;
  /** 1-based line number in the file (the header is line 1). */
  line?: number;
  /** Column name. */
  column?: string;
  /** The argument at fault. */
  argument?: string;
}

export class DataError extends Error implements DataErrorDetails {
  readonly code: DataErrorCode;
  readonly op: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
  readonly argument?: string;

  constructor(code: DataErrorCode, op: string, sentence: string, details: DataErrorDetails = {}, hint?: string) {
    super(`${op}: ${sentence}` + (hint ? `\nhint: ${hint}` : ""));
    this.code = code;
    this.op = op;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.argument = details.argument;
    this.name = "DataError";
  }
}
