import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  // The manifest tells which chunks each page loads: `python -m benchmarks.web_bundle` prints their sizes.
  build: { outDir: "dist", emptyOutDir: true, manifest: true },
  test: { environment: "jsdom" },
});
