// The deterministic demo data set: `generateDemo` is pure, `writeDemo` persists it.

export type { DemoCounts, DemoData, MetricCurve } from "./demo-data.ts";
export { type DemoOptions, generateDemo } from "./generate-demo.ts";
export { DEMO_PASSWORD } from "./generate-people.ts";
export { serializeDemo } from "./serialize-demo.ts";
export { seedDemo, writeDemo } from "./write-demo.ts";
