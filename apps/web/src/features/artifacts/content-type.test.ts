import { describe, expect, it } from "vitest";
import { isInlineSafe, readFileKind } from "./content-type.ts";

describe("readFileKind", () => {
  it.each([
    ["logs/train.LOG", "text/plain; charset=utf-8", "text"],
    ["model/MLmodel", "text/plain; charset=utf-8", "text"],
    ["metrics.json", "application/json", "text"],
    ["plot.PNG", "image/png", "image"],
    ["photo.jpeg", "image/jpeg", "image"],
    ["anim.webp", "image/webp", "image"],
    ["diagram.svg", "image/svg+xml", "text"],
    ["page.html", "text/html; charset=utf-8", "text"],
    ["model.pkl", "application/octet-stream", null],
    [".png", "application/octet-stream", null],
    ["dir.png/weights", "application/octet-stream", null],
  ])("%s is %s, previewed as %s", (name, contentType, preview) => {
    expect(readFileKind(name)).toEqual({ contentType, preview });
  });
});

describe("isInlineSafe", () => {
  it("lets only plain text and raster images show in place", () => {
    expect(isInlineSafe("text/plain; charset=utf-8")).toBe(true);
    expect(isInlineSafe("image/gif")).toBe(true);
    for (const type of ["image/svg+xml", "text/html; charset=utf-8", "application/json"]) {
      expect(isInlineSafe(type)).toBe(false);
    }
  });
});
