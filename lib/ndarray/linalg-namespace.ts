// np.linalg, as in NumPy: np.linalg.norm(x), np.linalg.det(a), np.linalg.inv(a), np.linalg.solve(a, b).
export { norm } from "./linalg";
export type { NormOrder } from "./linalg";
export { det, inv, solve, LinAlgError } from "./lu";
