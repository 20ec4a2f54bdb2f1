import { describe, expect, it } from "vitest";
import { data, np } from "../../lib/index";

const {
  hflip, vflip, crop, pad, resize, randomHorizontalFlip, randomVerticalFlip, randomCrop, randomResizedCrop,
  randomResizedCropParams, compose, wordTokenize, charTokenize, Vocabulary, padSequences, bagOfWords, DataError,
} = data;

function thrown(f: () => unknown): InstanceType<typeof DataError> {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(DataError); return e as InstanceType<typeof DataError>; }
  throw new Error("expected a DataError");
}

const img = np.arange(12).reshape(3, 4); // H=3, W=4

describe("flips, crop, pad", () => {
  it("hflip reverses width, vflip reverses height, on (H, W) and (C, H, W), as copies", () => {
    expect(hflip(img).toArray()).toEqual([[3, 2, 1, 0], [7, 6, 5, 4], [11, 10, 9, 8]]);
    expect(vflip(img).toArray()).toEqual([[8, 9, 10, 11], [4, 5, 6, 7], [0, 1, 2, 3]]);
    const chw = np.stack([img, img.multiply(10)]);
    expect(hflip(chw).slice(1).toArray()).toEqual([[30, 20, 10, 0], [70, 60, 50, 40], [110, 100, 90, 80]]);
    const f = hflip(img);
    f.set([0, 0], 99);
    expect(img.get(0, 3)).toBe(3); // the source is untouched
    expect(thrown(() => hflip(np.arange(3))).message).toMatch(/expected an image with at least 2 axes/);
  });
  it("crop takes the window, pad adds a border", () => {
    expect(crop(img, 1, 1, 2, 2).toArray()).toEqual([[5, 6], [9, 10]]);
    expect(thrown(() => crop(img, 2, 0, 2, 2)).message).toBe("crop: window top=2, left=0, height=2, width=2 does not fit an image of 3×4");
    expect(pad(np.ones([1, 2]), 1).toArray()).toEqual([[0, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]]);
    expect(pad(np.ones([1, 1]), 1, -1).toArray()).toEqual([[-1, -1, -1], [-1, 1, -1], [-1, -1, -1]]);
  });
});

describe("resize (bilinear, align_corners=False)", () => {
  it("upsamples 2×2 to 4×4 like torch.nn.functional.interpolate", () => {
    const x = np.arange(4).reshape(2, 2).astype("float32");
    const r = resize(x, [4, 4]);
    expect(r.dtype).toBe("float32");
    expect(r.toArray()).toEqual([
      [0, 0.25, 0.75, 1], [0.5, 0.75, 1.25, 1.5], [1.5, 1.75, 2.25, 2.5], [2, 2.25, 2.75, 3]]);
  });
  it("downsamples 4×4 to 2×2 as the mean of each 2×2 block; identity at the same size", () => {
    expect(resize(np.arange(16).reshape(4, 4), [2, 2]).toArray()).toEqual([[2.5, 4.5], [10.5, 12.5]]);
    expect(resize(img, [3, 4]).toArray()).toEqual(img.toArray());
    expect(resize(np.stack([img, img]), [6, 8]).shape).toEqual([2, 6, 8]);
  });
});

describe("random transforms are seeded", () => {
  it("randomHorizontalFlip flips where rand() < p", () => {
    // NumPy: r = RandomState(5); [r.rand() < 0.5 for _ in range(6)] = [T, F, T, F, T, F]
    const t = randomHorizontalFlip({ seed: 5 });
    const flipped = Array.from({ length: 6 }, () => t(img).get(0, 0) === 3);
    expect(flipped).toEqual([true, false, true, false, true, false]);
    const v = randomVerticalFlip({ p: 1, seed: 0 });
    expect(v(img).toArray()).toEqual(vflip(img).toArray());
    expect(thrown(() => randomHorizontalFlip({ p: 2 })).message).toBe("randomHorizontalFlip: p must be a probability in [0, 1], got 2");
  });
  it("randomCrop draws top then left with randint", () => {
    // NumPy: r = RandomState(1); (r.randint(0, 5), r.randint(0, 5)) → (3, 4), (0, 1), (3, 0)
    const big = np.arange(64).reshape(8, 8);
    const t = randomCrop(4, { seed: 1 });
    expect(t(big).toArray()).toEqual(crop(big, 3, 4, 4, 4).toArray());
    expect(t(big).toArray()).toEqual(crop(big, 0, 1, 4, 4).toArray());
    expect(t(big).toArray()).toEqual(crop(big, 3, 0, 4, 4).toArray());
    // With padding the window is read from the padded image: RandomState(1) draws (3, 4) then (0, 1)
    // for randint(0, 10 - 6 + 1) = randint(0, 5).
    const withPad = randomCrop(6, { padding: 1, fill: -1, seed: 1 });
    const chw = np.stack([big, big.negative()]);
    expect(withPad(chw).toArray()).toEqual(crop(pad(chw, 1, -1), 3, 4, 6, 6).toArray());
    expect(withPad(chw).toArray()).toEqual(crop(pad(chw, 1, -1), 0, 1, 6, 6).toArray());
    expect(randomCrop(3, { padding: 1, seed: 1 })(img).shape).toEqual([3, 3]);
    expect(randomCrop(4, { seed: 1 })(np.arange(16).reshape(4, 4).T).toArray()).toEqual(np.arange(16).reshape(4, 4).T.toArray());
    expect(thrown(() => randomCrop(5)(img)).message).toBe("randomCrop: Required crop size (5, 5) is larger than input image size (3, 4)");
  });
  it("randomResizedCrop draws torchvision's windows from NumPy's stream", () => {
    // Reference: torchvision's get_params with numpy.random.RandomState(0) in place of torch's RNG.
    const rng = new np.random.RandomState(0);
    const got = Array.from({ length: 4 }, () => randomResizedCropParams(rng, 28, 28, [0.08, 1], [3 / 4, 4 / 3]));
    expect(got).toEqual([
      { top: 3, left: 3, height: 20, width: 23 }, { top: 5, left: 2, height: 22, width: 21 },
      { top: 8, left: 4, height: 17, width: 22 }, { top: 7, left: 8, height: 17, width: 20 }]);
    const digit = np.arange(28 * 28).reshape(28, 28).astype("float32");
    const zoom = randomResizedCrop(28, { seed: 0 });
    const out = zoom(digit);
    expect(out.shape).toEqual([28, 28]);
    expect(out.dtype).toBe("float32");
    np.assertAllClose(out, resize(crop(digit, 3, 3, 20, 23), [28, 28]));
    // A scale range no window can meet falls back to the central crop.
    const c = randomResizedCropParams(new np.random.RandomState(0), 10, 40, [1, 1], [1, 1]);
    expect(c).toEqual({ top: 0, left: 15, height: 10, width: 10 });
  });
  it("compose chains transforms; the same seeds give the same images", () => {
    const make = () => compose([randomCrop(6, { padding: 1, seed: 3 }), randomHorizontalFlip({ seed: 4 }), randomResizedCrop(5, { seed: 5 })]);
    const a = make(), b = make();
    const x = np.random.rand(8, 8);
    for (let i = 0; i < 5; i++) expect(np.arrayEqual(a(x), b(x))).toBe(true);
    expect(compose([hflip, hflip])(img).toArray()).toEqual(img.toArray());
  });
});

describe("tokenizers", () => {
  it("words: lower-cased letters and digits with inner apostrophes; punctuation optional", () => {
    expect(wordTokenize("Call me Ishmael. Don't ask — it's 1851!")).toEqual(["call", "me", "ishmael", "don't", "ask", "it's", "1851"]);
    expect(wordTokenize("Hi, you.", { punctuation: true, lowercase: false })).toEqual(["Hi", ",", "you", "."]);
    expect(wordTokenize("")).toEqual([]);
    expect(wordTokenize("Café naïve")).toEqual(["café", "naïve"]);
  });
  it("characters are code points", () => {
    expect(charTokenize("ab c")).toEqual(["a", "b", " ", "c"]);
    expect(charTokenize("a🐳")).toEqual(["a", "🐳"]);
    expect(charTokenize("AB", { lowercase: true })).toEqual(["a", "b"]);
  });
});

describe("Vocabulary", () => {
  const docs = [["the", "whale", "the", "sea"], ["a", "whale", "the", "ship"]];
  it("special tokens first, then tokens by frequency (ties in first-seen order)", () => {
    const v = Vocabulary.build(docs);
    expect(v.itos).toEqual(["[PAD]", "[UNK]", "[SOS]", "[EOS]", "[MASK]", "the", "whale", "sea", "a", "ship"]);
    expect(v.length).toBe(10);
    expect(v.indexOf("whale")).toBe(6);
    expect(v.indexOf("kraken")).toBe(1);
    expect(v.padIndex).toBe(0);
    expect(v.counts.get("the")).toBe(3);
    expect(v.encode(["the", "kraken"], { addSpecial: true })).toEqual([2, 5, 1, 3]);
    expect(v.decode([2, 5, 6, 3, 0], { skipSpecial: true })).toEqual(["the", "whale"]);
    expect(v.decode(np.array([7, 1], { dtype: "int32" }))).toEqual(["sea", "[UNK]"]);
  });
  it("minFreq and maxSize cut rare tokens", () => {
    expect(Vocabulary.build(docs, { minFreq: 2 }).itos.slice(5)).toEqual(["the", "whale"]);
    expect(Vocabulary.build(docs, { maxSize: 1 }).itos.slice(5)).toEqual(["the"]);
    expect(Vocabulary.build(["b", "a", "b"], { specials: ["[UNK]"] }).itos).toEqual(["[UNK]", "b", "a"]);
  });
  it("errors: no [UNK], bad ids", () => {
    expect(thrown(() => Vocabulary.build(["x"], { specials: ["[PAD]"] })).message).toBe("Vocabulary: the vocabulary has no [UNK] token");
    expect(thrown(() => Vocabulary.build(["x"]).tokenOf(6)).message).toBe("Vocabulary.tokenOf: id 6 is not in [0, 6)");
  });
  it("exclude leaves stop words out; bagOfWords counts tokens per document", () => {
    const v = Vocabulary.build(docs, { exclude: ["the", "a"] });
    expect(v.itos.slice(5)).toEqual(["whale", "sea", "ship"]);
    const B = bagOfWords([["whale", "whale", "the"], ["ship", "sea"]], v);
    expect(B.shape).toEqual([2, 8]);
    expect(B.toArray()).toEqual([[0, 1, 0, 0, 0, 2, 0, 0], [0, 0, 0, 0, 0, 0, 1, 1]]);
    expect(bagOfWords([["whale", "whale"]], v, { binary: true }).toArray()).toEqual([[0, 0, 0, 0, 0, 1, 0, 0]]);
  });
  it("padSequences pads with 0 ([PAD]) and cuts to maxLen", () => {
    const P = padSequences([[5, 6, 7], [8]]);
    expect(P.dtype).toBe("int32");
    expect(P.toArray()).toEqual([[5, 6, 7], [8, 0, 0]]);
    expect(padSequences([[5, 6, 7], [8]], { maxLen: 2, padValue: -1 }).toArray()).toEqual([[5, 6], [8, -1]]);
  });
});
