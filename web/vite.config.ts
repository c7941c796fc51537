import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Vendor groups: React runtime, ECharts (modules only) and the part of Ant Design the first page
 * needs (`$initial`: statically reachable from the entry). The rest of Ant Design is split
 * automatically by the routes that use it, so the login page does not pay for tables, trees and
 * date pickers. Everything else splits by route (React.lazy).
 */
const vendorGroups = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/, priority: 30 },
  { name: 'vendor-echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/, priority: 20 },
  {
    name: 'vendor-antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|@emotion|stylis)[\\/]/,
    tags: ['$initial' as const],
    priority: 10,
  },
];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // GUANJIA_API points the dev proxy at another server (default: the local one on port 3000).
    proxy: { '/api': { target: process.env.GUANJIA_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      // The staff canteen's phone pages (/m) are a second, light entry without the admin shell.
      input: { main: 'index.html', canteenPhone: 'src/modules/canteen/phone/index.html' },
      output: {
        // Rolldown's successor of Rollup's `manualChunks` (deprecated in Vite 8).
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
});
