// Bundle index.js into one minified browser script with the settings plotly.js uses for its own dist bundles
// (its esbuild-config.js: esbuild, an IIFE exposing window.Plotly, ES2016, `global` as `window`).
import { build } from 'esbuild';

const [, , outfile] = process.argv;

await build({
    entryPoints: ['index.js'],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    alias: { regl: '@plotly/regl' },
    logLevel: 'warning',
});
