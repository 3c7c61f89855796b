import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// Tauri loads the built files from disk (`base: "./"`) and the dev server on a fixed port.
export default defineConfig({
  root: ".",
  base: "./",
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ["**/src-tauri/**"] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // Loaded from disk by the desktop shell, not over a network: one bundle is fine.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // CSS is not applied in jsdom; theme.css is read as text by the contrast test.
    css: { include: [/theme\.css/] },
  },
});
