import { defineConfig } from 'vitest/config';

// A static single-page app: relative asset paths so that `dist/` can be served from any folder,
// and no source maps of the bundled libraries in the output.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
