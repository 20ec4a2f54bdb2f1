// Image augmentation on arrays, torchvision style. An image is an NDArray whose last two axes are
// height and width: (H, W) or (C, H, W). Flips, crops and resizes return new arrays (never views
// into the dataset). The random transforms draw from their own seeded RandomState (or np.random's
// global one when no seed is given), so the same seed gives the same augmented images.
import { NDArray } from "../ndarray/ndarray";
import { formatShape } from "../ndarray/errors";
import { RandomState } from "../ndarray/random";
import { DataError } from "./errors";
import { rngFor } from "./split";

export type ImageTransform = (image: NDArray) => NDArray;

function hw(op: string, x: NDArray): [number, number] {
  if (x.ndim < 2) throw new DataError("shape", op, `expected an image with at least 2 axes (..., H, W), got shape ${formatShape(x.shape)}`, { argument: "image" });
  return [x.shape[x.ndim - 2], x.shape[x.ndim - 1]];
}

/** Mirror left-right (the width axis reversed). */
export function hflip(image: NDArray): NDArray {
  hw("hflip", image);
  return image.slice("..., ::-1").copy();
}

/** Mirror top-bottom (the height axis reversed). */
export function vflip(image: NDArray): NDArray {
  hw("vflip", image);
  return image.slice("..., ::-1, :").copy();
}

/** The h×w window whose top-left corner is (top, left). */
export function crop(image: NDArray, top: number, left: number, height: number, width: number): NDArray {
  const [H, W] = hw("crop", image);
  if (![top, left, height, width].every(Number.isInteger) || top < 0 || left < 0 || height < 1 || width < 1 || top + height > H || left + width > W) {
    throw new DataError("value", "crop", `window top=${top}, left=${left}, height=${height}, width=${width} does not fit an image of ${H}×${W}`);
  }
  return image.slice(`..., ${top}:${top + height}, ${left}:${left + width}`).copy();
}

/** Pads height and width with `padding` pixels of value `fill` on every side. */
export function pad(image: NDArray, padding: number, fill = 0): NDArray {
  const [H, W] = hw("pad", image);
  if (!Number.isInteger(padding) || padding < 0) throw new DataError("value", "pad", `padding must be a non-negative integer, got ${padding}`, { argument: "padding" });
  const shape = [...image.shape.slice(0, -2), H + 2 * padding, W + 2 * padding];
  const out = NDArray.zeros(shape, image.dtype);
  if (fill !== 0) out.fill(fill);
  out.set(`..., ${padding}:${padding + H}, ${padding}:${padding + W}`, image);
  return out;
}

/**
 * Bilinear resize to (height, width), with PyTorch's F.interpolate(mode="bilinear",
 * align_corners=False) sampling: pixel centers map as src = (dst + 0.5) * in/out - 0.5.
 */
export function resize(image: NDArray, size: readonly [number, number]): NDArray {
  const [H, W] = hw("resize", image);
  const [h, w] = size;
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) {
    throw new DataError("value", "resize", `size must be two positive integers, got (${h}, ${w})`, { argument: "size" });
  }
  const src = image.toTypedArray();
  const planes = src.length / (H * W);
  const dtype = image.dtype === "float32" ? "float32" : "float64";
  const out = NDArray.zeros([...image.shape.slice(0, -2), h, w], dtype);
  const axis = (outN: number, inN: number) => {
    const scale = inN / outN;
    const i0 = new Int32Array(outN), step = new Int32Array(outN), lam = new Float64Array(outN);
    for (let d = 0; d < outN; d++) {
      const s = Math.max(scale * (d + 0.5) - 0.5, 0);
      i0[d] = Math.floor(s);
      step[d] = i0[d] < inN - 1 ? 1 : 0;
      lam[d] = s - i0[d];
    }
    return { i0, step, lam };
  };
  const ys = axis(h, H);
  const xs = axis(w, W);
  for (let p = 0; p < planes; p++) {
    const base = p * H * W;
    for (let y = 0; y < h; y++) {
      const r0 = base + ys.i0[y] * W, r1 = r0 + ys.step[y] * W, ly = ys.lam[y];
      for (let x = 0; x < w; x++) {
        const c0 = xs.i0[x], c1 = c0 + xs.step[x], lx = xs.lam[x];
        const top = (1 - lx) * src[r0 + c0] + lx * src[r0 + c1];
        const bottom = (1 - lx) * src[r1 + c0] + lx * src[r1 + c1];
        out.data[p * h * w + y * w + x] = (1 - ly) * top + ly * bottom;
      }
    }
  }
  return out;
}

function checkP(op: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new DataError("value", op, `p must be a probability in [0, 1], got ${p}`, { argument: "p" });
}

/** Flips left-right with probability p (0.5 by default). */
export function randomHorizontalFlip(options: { p?: number; seed?: number | RandomState } = {}): ImageTransform {
  const p = options.p ?? 0.5;
  checkP("randomHorizontalFlip", p);
  const rng = rngFor(options.seed);
  return (image) => (rng.rand() < p ? hflip(image) : image.copy());
}

/** Flips top-bottom with probability p (0.5 by default). */
export function randomVerticalFlip(options: { p?: number; seed?: number | RandomState } = {}): ImageTransform {
  const p = options.p ?? 0.5;
  checkP("randomVerticalFlip", p);
  const rng = rngFor(options.seed);
  return (image) => (rng.rand() < p ? vflip(image) : image.copy());
}

function sizePair(op: string, size: number | readonly [number, number]): [number, number] {
  const s: [number, number] = typeof size === "number" ? [size, size] : [size[0], size[1]];
  if (!s.every((v) => Number.isInteger(v) && v >= 1)) throw new DataError("value", op, `size must be positive integers, got ${JSON.stringify(size)}`, { argument: "size" });
  return s;
}

/**
 * The h×w window at (top, left) of the image padded with `padding` pixels of `fill` on every side,
 * read in one pass (no padded copy is made): crop(pad(image, padding, fill), top, left, h, w).
 */
function paddedWindow(image: NDArray, padding: number, fill: number, top: number, left: number, h: number, w: number): NDArray {
  const [H, W] = hw("randomCrop", image);
  const src = image.isContiguous ? image.data.subarray(image.offset, image.offset + image.size) : image.toTypedArray();
  const planes = image.size / (H * W);
  const out = NDArray.zeros([...image.shape.slice(0, -2), h, w], image.dtype);
  const dst = out.data;
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < h; y++) {
      const sy = top + y - padding;
      const row = p * h * w + y * w;
      if (sy < 0 || sy >= H) { if (fill !== 0) dst.fill(fill, row, row + w); continue; }
      for (let x = 0; x < w; x++) {
        const sx = left + x - padding;
        dst[row + x] = sx < 0 || sx >= W ? fill : src[p * H * W + sy * W + sx];
      }
    }
  }
  return out;
}

/** A random size×size (or h×w) window, after padding each side with `padding` pixels of `fill` (0). */
export function randomCrop(size: number | readonly [number, number], options: { padding?: number; fill?: number; seed?: number | RandomState } = {}): ImageTransform {
  const [h, w] = sizePair("randomCrop", size);
  const padding = options.padding ?? 0;
  const fill = options.fill ?? 0;
  if (!Number.isInteger(padding) || padding < 0) throw new DataError("value", "randomCrop", `padding must be a non-negative integer, got ${padding}`, { argument: "padding" });
  const rng = rngFor(options.seed);
  return (image) => {
    const [H0, W0] = hw("randomCrop", image);
    const H = H0 + 2 * padding, W = W0 + 2 * padding;
    if (h > H || w > W) throw new DataError("value", "randomCrop", `Required crop size (${h}, ${w}) is larger than input image size (${H}, ${W})`, { argument: "size" });
    // torchvision draws nothing when the window is the whole (padded) image.
    const top = h === H && w === W ? 0 : rng.randint(0, H - h + 1);
    const left = h === H && w === W ? 0 : rng.randint(0, W - w + 1);
    return paddedWindow(image, padding, fill, top, left, h, w);
  };
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * The crop window torchvision's RandomResizedCrop.get_params draws: an area fraction in `scale`
 * and a log-uniform aspect ratio in `ratio`, up to 10 tries, else a central crop.
 */
export function randomResizedCropParams(rng: RandomState, height: number, width: number,
  scale: readonly [number, number], ratio: readonly [number, number]): { top: number; left: number; height: number; width: number } {
  const area = height * width;
  const logRatio = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const targetArea = area * rng.uniform(scale[0], scale[1]);
    const aspect = Math.exp(rng.uniform(logRatio[0], logRatio[1]));
    const w = roundHalfEven(Math.sqrt(targetArea * aspect));
    const h = roundHalfEven(Math.sqrt(targetArea / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      const top = rng.randint(0, height - h + 1);
      const left = rng.randint(0, width - w + 1);
      return { top, left, height: h, width: w };
    }
  }
  const inRatio = width / height;
  let w = width, h = height;
  if (inRatio < Math.min(...ratio)) { w = width; h = roundHalfEven(w / Math.min(...ratio)); }
  else if (inRatio > Math.max(...ratio)) { h = height; w = roundHalfEven(h * Math.max(...ratio)); }
  return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
}

/**
 * Zoom: crops a random window (area fraction in `scale`, default [0.08, 1]; aspect ratio in
 * `ratio`, default [3/4, 4/3]) and resizes it bilinearly to `size`.
 */
export function randomResizedCrop(size: number | readonly [number, number],
  options: { scale?: readonly [number, number]; ratio?: readonly [number, number]; seed?: number | RandomState } = {}): ImageTransform {
  const out = sizePair("randomResizedCrop", size);
  const scale = options.scale ?? [0.08, 1];
  const ratio = options.ratio ?? [3 / 4, 4 / 3];
  if (!(scale[0] > 0 && scale[0] <= scale[1]) || !(ratio[0] > 0 && ratio[0] <= ratio[1])) {
    throw new DataError("value", "randomResizedCrop", `scale and ratio should be positive ranges (min, max), got scale=(${scale.join(", ")}), ratio=(${ratio.join(", ")})`,
      { argument: "scale" });
  }
  const rng = rngFor(options.seed);
  return (image) => {
    const [H, W] = hw("randomResizedCrop", image);
    const c = randomResizedCropParams(rng, H, W, scale, ratio);
    return resize(crop(image, c.top, c.left, c.height, c.width), out);
  };
}

/** Applies the transforms in order (torchvision's Compose). */
export function compose(transforms: readonly ImageTransform[]): ImageTransform {
  return (image) => transforms.reduce((x, t) => t(x), image);
}
