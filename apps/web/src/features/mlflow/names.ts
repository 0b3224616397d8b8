// Key and value limits that MLflow's server validates (mlflow-rest.md §8.2), and run names.
import { invalidParameter } from "./errors.ts";

export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 8000;

const KEY_PATTERN = /^[/\w.\- :]*$/;

/** A metric, param or tag name: MLflow's characters, no path tricks, at most 250 characters. */
export function checkKey(kind: "metric" | "param" | "tag", key: string): void {
  if (key === "") throw invalidParameter(`Missing value for required parameter 'key'`);
  if (!KEY_PATTERN.test(key)) {
    throw invalidParameter(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  if (key.startsWith("/") || key.split("/").some((part) => part === ".." || part === ".")) {
    throw invalidParameter(
      `Invalid ${kind} name: '${key}'. Names cannot be paths that leave their root.`,
    );
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw invalidParameter(
      `${kind} '${key.slice(0, 40)}...' exceeds the maximum length of ${MAX_KEY_LENGTH}`,
    );
  }
}

export function checkValue(kind: "param" | "tag", key: string, value: string): void {
  const max = kind === "param" ? MAX_PARAM_VALUE_LENGTH : MAX_TAG_VALUE_LENGTH;
  if (value.length > max) {
    throw invalidParameter(
      `${kind} value for '${key}' had length ${value.length}, which exceeded length limit of ${max}`,
    );
  }
}

const ADJECTIVES = [
  "amazing",
  "bold",
  "brave",
  "calm",
  "clever",
  "crisp",
  "eager",
  "gentle",
  "honest",
  "keen",
  "lucky",
  "merry",
  "quiet",
  "sassy",
  "shy",
  "sleek",
  "swift",
  "tasteful",
  "wise",
  "zealous",
];
const ANIMALS = [
  "ant",
  "bat",
  "bear",
  "crab",
  "deer",
  "doe",
  "eel",
  "finch",
  "fox",
  "gnu",
  "hawk",
  "koi",
  "lark",
  "mole",
  "moth",
  "owl",
  "ram",
  "seal",
  "slug",
  "wolf",
];

/** MLflow's `adjective-animal-NNN` default run name; `random` in [0, 1) thrice. */
export function generateRunName(random: () => number = Math.random): string {
  const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)] ?? words[0];
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${Math.floor(random() * 1000)}`;
}
