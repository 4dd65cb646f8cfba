import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
// The API server the dev server forwards to; PASSEND_API_URL points it elsewhere (e.g. a second instance).
const apiServer = process.env.PASSEND_API_URL ?? 'http://localhost:3000';

/**
 * NL Design System's React components set `displayName` at the top of their module; to the bundler
 * that assignment makes every component look used, so all of them (some 60 kB gzip) would load with
 * the sign-in page. Only React's developer tools read the name: a build leaves the assignments out,
 * and the components Passend does not use are dropped.
 */
function dropDesignSystemDisplayNames(): Plugin {
  return {
    name: 'passend-drop-design-system-display-names',
    apply: 'build',
    transform(code, id) {
      if (!/node_modules[\\/]@utrecht[\\/][^\\/]+[\\/]dist[\\/].*\.mjs$/.test(id)) return null;
      return { code: code.replace(/^[A-Za-z_$][\w$]*\.displayName = '[^']*';$/gm, ''), map: null };
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), dropDesignSystemDisplayNames()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            // The chart library and what only it uses stay out: they load with the first chart.
            {
              name: 'vendor',
              test: /node_modules[\\/](?!(recharts|victory-vendor|d3-[a-z-]+|internmap|@reduxjs|redux|redux-thunk|react-redux|reselect|immer|decimal\.js-light|eventemitter3|tiny-invariant)[\\/])/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // The web app imports the shared zod contracts from ../contracts.
    fs: { allow: [repositoryRoot] },
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
    },
  },
});
