"use client";
// The root layout itself failed: this replaces it, so it brings its own <html>.
import "./globals.css";
import { ServerError } from "@/components/shell/server-error";

export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <ServerError {...props} />
      </body>
    </html>
  );
}
