// The README's "Data" example, line for line, with the values it shows.
import { expect, it } from "vitest";
import { data } from "../../lib/index";
import { loadPenguins } from "../../datasets/tables";

it("README: penguins → encode, split, scale, load", () => {
  const table = loadPenguins();
  expect(table.missingReport().split("\n")).toEqual([
    "bill_length_mm (number): 2 missing of 344, rows 3, 271",
    "bill_depth_mm (number): 2 missing of 344, rows 3, 271",
    "flipper_length_mm (number): 2 missing of 344, rows 3, 271",
    "body_mass_g (number): 2 missing of 344, rows 3, 271",
    "sex (string): 11 missing of 344, rows 3, 8, 9, 10, 11, 47, 178, 218, ...",
  ]);
  const clean = table.dropMissing();
  const X = clean.toNDArray(["bill_length_mm", "flipper_length_mm"]);
  const y = new data.LabelEncoder().fitTransform(clean.strings("species"));
  const island = data.getDummies(clean.strings("island"), { prefix: "island" });
  const [XTrain, XTest, yTrain, yTest] = data.trainTestSplit(X, y, { testSize: 0.2, seed: 0, stratify: y });
  const scaler = new data.StandardScaler().fit(XTrain);
  const loader = new data.DataLoader(new data.TensorDataset([scaler.transform(XTrain), yTrain]), { batchSize: 32, shuffle: true, seed: 0 });
  expect(X.shape).toEqual([333, 2]);
  expect(island.columns).toEqual(["island_Biscoe", "island_Dream", "island_Torgersen"]);
  expect([XTrain.shape[0], XTest.shape[0], yTest.shape[0]]).toEqual([266, 67, 67]);
  expect(loader.length).toBe(9);
  let seen = 0;
  for (const [Xb, yb] of loader) { seen += Xb.shape[0]; expect(yb.dtype).toBe("int32"); }
  expect(seen).toBe(266);
  // Standardized with the training statistics: mean 0, std 1 on the training rows.
  const Z = scaler.transform(XTrain);
  expect(Math.abs(Z.mean({ axis: 0 }).get(0))).toBeLessThan(1e-12);
  expect(Z.std({ axis: 0 }).get(1)).toBeCloseTo(1, 12);
});
