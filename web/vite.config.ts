import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiServer = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // antd and antd-mobile list React as a peer, and npm hoisted React 18 to the
    // root node_modules for them; the app runs React 19 from web/node_modules.
    // Dedupe so every import of React resolves to the one copy the app uses.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/oidc': apiServer,
      '/govstack': apiServer,
      '/gateway': apiServer,
      '/open/v1': apiServer,
      '/api/3': apiServer,
      '/catalog.': apiServer,
      '/dataset/': apiServer,
      '/healthz': apiServer,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
