// Auth.js (next-auth v5): credentials sign-in (password, then a TOTP or recovery code for users
// with a second factor), JWT sessions with a 15-minute idle timeout and a 12-hour absolute lifetime.
// The session only names the user; every request re-reads the user from the database
// (lib/session.ts), so deactivation or a role change takes effect on the next request.
import { randomUUID } from "node:crypto";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

declare module "next-auth" {
  interface Session {
    /** When this session signed in (ms); a password changed later ends it. */
    signedInAt?: number;
    /** This session's id (random, server-issued): sign-out revokes it. */
    sid?: string;
  }
}
import { clientIp } from "./client-ip";
import { sessionExpired } from "./auth/session-lifetime";
import { config } from "./config";
import { db } from "./db";
import { log } from "./log";
import { recordAudit } from "./services/audit";
import { isSessionRevoked, revokeSession } from "./services/sessions";
import { signIn as checkCredentials, SIGN_IN_MESSAGES } from "./services/sign-in";
import { signInSchema } from "./validation/auth";

/** Auth.js passes only a failure's `code` back to the sign-in action: one class per answer. */
const failures = {
  invalid: class extends CredentialsSignin {
    code = "invalid";
  },
  locked: class extends CredentialsSignin {
    code = "locked";
  },
  code_required: class extends CredentialsSignin {
    code = "code_required";
  },
  wrong_code: class extends CredentialsSignin {
    code = "wrong_code";
  },
} satisfies Record<keyof typeof SIGN_IN_MESSAGES, new () => CredentialsSignin>;

export { clientIp } from "./client-ip";

// Auth.js builds its URLs (and the callback-url cookie) from AUTH_URL, or else from the request's
// Host / X-Forwarded-Host, which any client can write: pin it to the app's configured public URL.
process.env.AUTH_URL ??= config.appUrl;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: config.sessionIdleSeconds, updateAge: 0 },
  pages: { signIn: "/sign-in" },
  // Auth.js's own messages go through the app's logger. A refused sign-in is routine (the audit log
  // has it), not a stack trace; "code_required" is no refusal at all but the second step's prompt.
  logger: {
    error: (error) => {
      if (!(error instanceof CredentialsSignin)) return log.error({ err: error }, `auth: ${error.name}`);
      if (error.code === "code_required") return log.debug({ event: "sign_in_second_step" }, "sign-in: password accepted, code asked");
      log.warn({ event: "sign_in_refused", reason: error.code }, "sign-in refused");
    },
    warn: (warning) => log.warn({ warning }, `auth: ${warning}`),
    debug: (message, metadata) => log.debug({ metadata }, `auth: ${message}`),
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new failures.invalid();
        const result = await checkCredentials(db, { ...parsed.data, ip: clientIp(request.headers) });
        if (!result.ok) throw new failures[result.reason]();
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sid = randomUUID();
        token.signedInAt = Date.now();
        return token;
      }
      // Returning null clears the cookie: a signed-out session stays out even if a copy survives.
      if (typeof token.sid !== "string" || (await isSessionRevoked(db, token.sid))) return null;
      if (sessionExpired(token.signedInAt)) return null;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      if (typeof token.signedInAt === "number") session.signedInAt = token.signedInAt;
      if (typeof token.sid === "string") session.sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token && typeof token.sid === "string") await revokeSession(db, token.sid, config.sessionIdleSeconds * 2);
      if (token && typeof token.uid === "string") {
        await recordAudit(db, { actor: { id: token.uid, email: token.email ?? "" }, action: "auth.sign_out" });
      }
    },
  },
});
