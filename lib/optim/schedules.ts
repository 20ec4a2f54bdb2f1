// Learning-rate schedules. Call step() once per epoch; each sets optimizer.lr from the initial rate.
import { ValueError } from "../ndarray/errors";
import { Optimizer } from "./optimizers";

export abstract class LRSchedule {
  readonly optimizer: Optimizer;
  readonly initialLr: number;
  /** Epochs completed. */
  epoch = 0;

  constructor(optimizer: Optimizer) {
    this.optimizer = optimizer;
    this.initialLr = optimizer.lr;
  }

  /** The learning rate after `epoch` completed epochs. */
  abstract lrAt(epoch: number): number;

  step(): number {
    this.epoch++;
    this.optimizer.lr = this.lrAt(this.epoch);
    return this.optimizer.lr;
  }
}

/** η₀ · γ^⌊epoch / stepSize⌋: drop by γ every stepSize epochs. */
export class StepDecay extends LRSchedule {
  constructor(optimizer: Optimizer, readonly options: { stepSize: number; gamma?: number }) {
    super(optimizer);
    if (!Number.isInteger(options.stepSize) || options.stepSize < 1) {
      throw new ValueError("StepDecay", `stepSize must be a positive integer, got ${options.stepSize}`);
    }
  }
  lrAt(epoch: number): number {
    return this.initialLr * (this.options.gamma ?? 0.1) ** Math.floor(epoch / this.options.stepSize);
  }
}

/** η₀ · γ^epoch. */
export class ExponentialDecay extends LRSchedule {
  constructor(optimizer: Optimizer, readonly options: { gamma: number }) {
    super(optimizer);
    if (!(options.gamma > 0 && options.gamma <= 1)) throw new ValueError("ExponentialDecay", `gamma must lie in (0, 1], got ${options.gamma}`);
  }
  lrAt(epoch: number): number {
    return this.initialLr * this.options.gamma ** epoch;
  }
}

/** The course's η₀ / √t, with t = epoch + 1 (so the first epoch uses η₀). */
export class InverseSqrtDecay extends LRSchedule {
  lrAt(epoch: number): number {
    return this.initialLr / Math.sqrt(epoch + 1);
  }
}
