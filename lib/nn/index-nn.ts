// The `nn` namespace: activations, losses, penalties, modules, layers and init.
export * from "./activations";
export * from "./losses";
export { Module } from "./module";
export type { StateDict } from "./module";
export * from "./layers";
export * as init from "./init";
