/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a benchmark or test build run beside a development build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    authInterrupts: true,
  },
  // prom-client: one registry per process, which one bundled copy per route would split. pg-boss: a
  // Node library loaded by instrumentation.ts only, kept out of the bundles.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pg-boss", "prom-client"],
  // Security headers (CSP with a per-request nonce, HSTS, framing, caching) are set in proxy.ts, which
  // static files skip: they still must not be sniffed into another type.
  async headers() {
    return [{ source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] }];
  },
};

export default nextConfig;
