// tf.VariableSynchronization and tf.VariableAggregation: how distribution strategies keep
// a variable's replicas in sync and combine their updates. Stored and validated now, used
// by the mirrored variables of a later release.
import { inspectSymbol } from "../core/inspect.js";

class VariableEnum {
  constructor(readonly kind: string, readonly name: string, readonly value: number) {}
  toString(): string { return `${this.kind}.${this.name}`; }
  [inspectSymbol](): string { return `<${this.kind}.${this.name}: ${this.value}>`; }
}

export class VariableSynchronization extends VariableEnum {
  static readonly AUTO = new VariableSynchronization("AUTO", 0);
  static readonly NONE = new VariableSynchronization("NONE", 1);
  static readonly ON_WRITE = new VariableSynchronization("ON_WRITE", 2);
  static readonly ON_READ = new VariableSynchronization("ON_READ", 3);
  private constructor(name: string, value: number) { super("VariableSynchronization", name, value); }
  static values(): VariableSynchronization[] { return [this.AUTO, this.NONE, this.ON_WRITE, this.ON_READ]; }
}

export class VariableAggregation extends VariableEnum {
  static readonly NONE = new VariableAggregation("NONE", 0);
  static readonly SUM = new VariableAggregation("SUM", 1);
  static readonly MEAN = new VariableAggregation("MEAN", 2);
  static readonly ONLY_FIRST_REPLICA = new VariableAggregation("ONLY_FIRST_REPLICA", 3);
  private constructor(name: string, value: number) { super("VariableAggregation", name, value); }
  static values(): VariableAggregation[] { return [this.NONE, this.SUM, this.MEAN, this.ONLY_FIRST_REPLICA]; }
}

export type SynchronizationLike = VariableSynchronization | "AUTO" | "NONE" | "ON_WRITE" | "ON_READ";
export type AggregationLike = VariableAggregation | "NONE" | "SUM" | "MEAN" | "ONLY_FIRST_REPLICA";
