// Data benchmarks (npm run bench:data; not part of npm test): loading all of MNIST into float32
// arrays, and one DataLoader epoch over it. Prints wall times and memory; asserts nothing.
import { loadMNIST } from "../datasets/mnist";
import { DataLoader, TensorDataset } from "../lib/data/dataset";
import { randomCrop } from "../lib/data/augment";

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

function memory(): { rss: number; arrayBuffers: number } {
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, arrayBuffers: m.arrayBuffers / MB };
}

function time<T>(label: string, f: () => T, repeats = 1): T {
  let out!: T;
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    out = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const detail = repeats > 1 ? ` (median of ${repeats}; min ${times[0].toFixed(0)} ms)` : "";
  console.log(`${label.padEnd(58)} ${times[Math.floor(repeats / 2)].toFixed(0).padStart(6)} ms${detail}`);
  return out;
}

function main(): void {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}${gc ? "" : " (run with --expose-gc for steadier memory numbers)"}`);
  const before = memory();
  const train = time("MNIST train, float32, first load (MD5 checked)", () => loadMNIST());
  const test = time("MNIST test, float32, first load (MD5 checked)", () => loadMNIST({ split: "test" }));
  const after = memory();
  const arrays = (train.images.data.byteLength + train.labels.data.byteLength + test.images.data.byteLength + test.labels.data.byteLength) / MB;
  console.log(`memory: arrays ${arrays.toFixed(1)} MB; rss +${(after.rss - before.rss).toFixed(1)} MB, ` +
    `arrayBuffers +${(after.arrayBuffers - before.arrayBuffers).toFixed(1)} MB`);
  time("MNIST train + test again (already verified)", () => { loadMNIST(); loadMNIST({ split: "test" }); }, 5);
  time("MNIST train + test, verify: false", () => { loadMNIST({ verify: false }); loadMNIST({ split: "test", verify: false }); }, 5);

  const ds = new TensorDataset([train.images, train.labels]);
  for (const batchSize of [64, 256]) {
    const loader = new DataLoader(ds, { batchSize, shuffle: true, seed: 0 });
    time(`one epoch, batchSize ${batchSize}, shuffled (${loader.length} batches)`, () => {
      let seen = 0;
      for (const [X] of loader) seen += X.shape[0];
      if (seen !== 60000) throw new Error(`saw ${seen} samples`);
    }, 3);
  }
  const augmented = new DataLoader(new TensorDataset([train.images, train.labels], { transform: randomCrop(28, { padding: 2, seed: 0 }) }),
    { batchSize: 64, shuffle: true, seed: 0 });
  time("one epoch with a per-sample randomCrop(28, padding 2)", () => { for (const batch of augmented) void batch; });
}

main();
