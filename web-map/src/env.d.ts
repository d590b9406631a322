// Ambient declarations for the bundler: CSS files are imported for their side effect (esbuild emits them as .css bundles).
declare module '*.css';
