import { Alert } from "@/components/ui/alert";
import type { ConnectionTestResult } from "@/lib/gateways/types";

const PRESENTATION = {
  connected: { tone: "success", title: "Connected" },
  bad_credentials: { tone: "error", title: "Bad credentials" },
  unreachable: { tone: "warning", title: "Unreachable" },
  error: { tone: "error", title: "Connection test failed" },
} as const;

/** The outcome of "Test connection", with the gateway's own message. */
export function ConnectionResult({ result }: { result: ConnectionTestResult }) {
  const p = PRESENTATION[result.outcome];
  return (
    <div data-testid="connection-result" data-outcome={result.outcome}>
      <Alert tone={p.tone} title={p.title}>
        <p>{result.message}</p>
      </Alert>
    </div>
  );
}
