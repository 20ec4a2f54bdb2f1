// The exercise format (README, "Writing lessons" and "Grading"): reading an instructor notebook's
// exercises, with every mistake in them reported as an AuthoringError naming the cell.
//
// A solution cell: metadata.nnbook = { exercise: "03.1", points: 2, role: "solution" }, tag
// "exercise", the answer between `// BEGIN SOLUTION` and `// END SOLUTION` lines.
// Its test cells follow: metadata.nnbook = { exercise: "03.1", role: "tests" } (optionally
// points: n to weight that cell), tag "exercise-tests", hidden checks between
// `// BEGIN HIDDEN TESTS` and `// END HIDDEN TESTS` lines.
import type { NbCell, Notebook } from "../kernel/notebook";
import { sourceOf } from "../kernel/notebook";

export const BEGIN_SOLUTION = /^\s*\/\/\s*BEGIN SOLUTION\s*$/;
export const END_SOLUTION = /^\s*\/\/\s*END SOLUTION\s*$/;
export const BEGIN_HIDDEN = /^\s*\/\/\s*BEGIN HIDDEN TESTS\s*$/;
export const END_HIDDEN = /^\s*\/\/\s*END HIDDEN TESTS\s*$/;

/** A mistake in an instructor notebook: the grader reports it as its own failure, never as a score. */
export class AuthoringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthoringError";
  }
}

export interface NnbookMeta {
  exercise?: unknown;
  points?: unknown;
  role?: unknown;
}

export function metaOf(cell: NbCell): NnbookMeta {
  const m = cell.metadata?.nnbook;
  return m && typeof m === "object" && !Array.isArray(m) ? (m as NnbookMeta) : {};
}

export function roleOf(cell: NbCell): "solution" | "tests" | null {
  if (cell.cell_type !== "code") return null;
  const role = metaOf(cell).role;
  return role === "solution" || role === "tests" ? role : null;
}

/** Line ranges [begin, end] (0-based, marker lines included) of BEGIN/END regions. */
export function regions(lines: string[], begin: RegExp, end: RegExp, what: string, where: string): [number, number][] {
  const out: [number, number][] = [];
  let open = -1;
  lines.forEach((line, i) => {
    if (begin.test(line)) {
      if (open >= 0) throw new AuthoringError(`${where}: line ${i + 1} opens a ${what} region inside the one opened at line ${open + 1}`);
      open = i;
    } else if (end.test(line)) {
      if (open < 0) throw new AuthoringError(`${where}: line ${i + 1} closes a ${what} region that was never opened`);
      out.push([open, i]);
      open = -1;
    }
  });
  if (open >= 0) throw new AuthoringError(`${where}: the ${what} region opened at line ${open + 1} is never closed`);
  return out;
}

/** Source split into lines without their "\n". */
export function lines(cell: NbCell): string[] {
  return sourceOf(cell).split("\n");
}

export interface TestCell {
  /** Index in notebook.cells. */
  cell: number;
  source: string;
  /** Explicit weight of this cell (metadata points), else the exercise's points are shared evenly. */
  weight: number | null;
  /** 1-based line ranges of hidden tests in `source`. */
  hidden: [number, number][];
}

export interface Exercise {
  id: string;
  points: number;
  /** Index of the solution cell. */
  solution: number;
  tests: TestCell[];
}

/**
 * The exercises of an instructor notebook, in notebook order. Throws AuthoringError for anything
 * the grader cannot trust: missing ids or points, duplicate solution cells, tests without a
 * solution (or before it), unbalanced regions, exercises without tests.
 */
export function readExercises(nb: Notebook, name = "notebook"): Exercise[] {
  const byId = new Map<string, Exercise>();
  nb.cells.forEach((cell, i) => {
    const role = roleOf(cell);
    const meta = metaOf(cell);
    const where = `${name}, cell ${i + 1}`;
    if (role === null) {
      if (cell.cell_type === "code" && (meta.role !== undefined || meta.exercise !== undefined)) {
        throw new AuthoringError(`${where}: metadata.nnbook.role must be "solution" or "tests", got ${JSON.stringify(meta.role)}`);
      }
      return;
    }
    if (typeof meta.exercise !== "string" || !/^[\w.-]+$/.test(meta.exercise)) {
      throw new AuthoringError(`${where}: metadata.nnbook.exercise must be an id like "03.1", got ${JSON.stringify(meta.exercise)}`);
    }
    const id = meta.exercise;
    const src = lines(cell);
    if (role === "solution") {
      if (byId.has(id)) throw new AuthoringError(`${where}: a second solution cell for exercise ${id} (the first is cell ${byId.get(id)!.solution + 1})`);
      if (typeof meta.points !== "number" || !Number.isFinite(meta.points) || meta.points < 0) {
        throw new AuthoringError(`${where}: exercise ${id} needs metadata.nnbook.points, a number >= 0, got ${JSON.stringify(meta.points)}`);
      }
      const found = regions(src, BEGIN_SOLUTION, END_SOLUTION, "solution", where);
      if (found.length === 0) throw new AuthoringError(`${where}: exercise ${id} has no // BEGIN SOLUTION ... // END SOLUTION region`);
      regions(src, BEGIN_HIDDEN, END_HIDDEN, "hidden tests", where);
      if (src.some((l) => BEGIN_HIDDEN.test(l))) throw new AuthoringError(`${where}: hidden tests belong in a tests cell, not in the solution cell of ${id}`);
      byId.set(id, { id, points: meta.points, solution: i, tests: [] });
    } else {
      const ex = byId.get(id);
      if (!ex) throw new AuthoringError(`${where}: tests for exercise ${id} come before (or without) its solution cell`);
      if (meta.points !== undefined && (typeof meta.points !== "number" || !Number.isFinite(meta.points) || meta.points < 0)) {
        throw new AuthoringError(`${where}: metadata.nnbook.points of a tests cell must be a number >= 0, got ${JSON.stringify(meta.points)}`);
      }
      if (src.some((l) => BEGIN_SOLUTION.test(l))) throw new AuthoringError(`${where}: a solution region in a tests cell of ${id}`);
      const hidden = regions(src, BEGIN_HIDDEN, END_HIDDEN, "hidden tests", where).map(([a, b]) => [a + 1, b + 1] as [number, number]);
      ex.tests.push({ cell: i, source: sourceOf(cell), weight: typeof meta.points === "number" ? meta.points : null, hidden });
    }
  });
  for (const ex of byId.values()) {
    if (ex.tests.length === 0) throw new AuthoringError(`${name}: exercise ${ex.id} has a solution cell but no tests cell`);
    const weights = ex.tests.map((t) => t.weight);
    if (weights.some((w) => w !== null) && weights.some((w) => w === null)) {
      throw new AuthoringError(`${name}: exercise ${ex.id}: give points to all of its tests cells or to none`);
    }
    if (weights.every((w) => w !== null)) {
      const sum = (weights as number[]).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - ex.points) > 1e-9) throw new AuthoringError(`${name}: exercise ${ex.id}: its tests cells give ${sum} points, the solution cell says ${ex.points}`);
    }
  }
  return [...byId.values()];
}

/** Points of each tests cell of an exercise: its own, or an even share. */
export function testPoints(ex: Exercise): number[] {
  return ex.tests.map((t) => (t.weight !== null ? t.weight : ex.points / ex.tests.length));
}
