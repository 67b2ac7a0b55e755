import type { z } from "zod";
import type { GatewayAccountConfig, GatewayCapabilities, GatewayClient, GatewayKind } from "./types";

/** Field metadata read by the admin form generator (zod 4 `.meta()` on each credential field). */
export interface CredentialFieldMeta {
  label: string;
  /** Encrypted at rest, never sent back to the browser. */
  secret?: boolean;
  help?: string;
}

/**
 * Everything the app knows about one gateway kind. Adding a gateway means adding one of these
 * (schema + client), not a page.
 */
export interface GatewayDefinition {
  kind: GatewayKind;
  label: string;
  /** Credentials and per-kind settings; each field carries CredentialFieldMeta via `.meta()`. */
  credentialsSchema: z.ZodObject<Record<string, z.ZodType<string>>>;
  capabilities: GatewayCapabilities;
  /** Base URL for test mode when the gateway is the local sandbox at `sandboxUrl` (no trailing slash). */
  sandboxBaseUrl(sandboxUrl: string): string;
  /** The vendor's own base URLs, for reference in the admin form. */
  vendorBaseUrls: { test?: string; live?: string };
  create(config: GatewayAccountConfig): GatewayClient;
}
