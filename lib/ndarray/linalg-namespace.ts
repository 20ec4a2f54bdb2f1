// np.linalg, as in NumPy: np.linalg.norm(x).
export { norm } from "./linalg";
export type { NormOrder } from "./linalg";
