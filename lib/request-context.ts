import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/auth";

/** The caller's IP as the proxy reports it, for audit events. */
export async function requestIp(): Promise<string | null> {
  return clientIp(await headers());
}
