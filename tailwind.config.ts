// Theme tokens. Tailwind CSS 4 reads this file through `@config` in app/globals.css.
import type { Config } from "tailwindcss";

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#eef6ff", 100: "#d9ebff", 300: "#93c5fd", 400: "#60a5fa", 500: "#2563eb", 600: "#1d4ed8", 700: "#1e40af", 900: "#1e3a8a", 950: "#172554" },
        approved: { bg: "#dcfce7", fg: "#166534", border: "#86efac" },
        declined: { bg: "#fee2e2", fg: "#991b1b", border: "#fca5a5" },
        pending: { bg: "#fef9c3", fg: "#854d0e", border: "#fde047" },
        unknown: { bg: "#ffedd5", fg: "#9a3412", border: "#fdba74" },
        neutral: { bg: "#f1f5f9", fg: "#334155", border: "#cbd5e1" },
      },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
      },
    },
  },
};

export default config;
