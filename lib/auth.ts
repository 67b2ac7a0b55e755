// Auth.js (next-auth v5): credentials sign-in, JWT sessions with a 15-minute idle timeout.
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
import { config } from "./config";
import { db } from "./db";
import { recordAudit } from "./services/audit";
import { isSessionRevoked, revokeSession } from "./services/sessions";
import { signIn as checkCredentials } from "./services/sign-in";
import { signInSchema } from "./validation/auth";

class LockedSignIn extends CredentialsSignin {
  code = "locked";
}
class InvalidSignIn extends CredentialsSignin {
  code = "invalid";
}

export { clientIp } from "./client-ip";

// Auth.js builds its URLs (and the callback-url cookie) from AUTH_URL, or else from the request's
// Host / X-Forwarded-Host, which any client can write: pin it to the app's configured public URL.
process.env.AUTH_URL ??= config.appUrl;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: config.sessionIdleSeconds, updateAge: 0 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidSignIn();
        const result = await checkCredentials(db, { ...parsed.data, ip: clientIp(request.headers) });
        if (!result.ok) throw result.reason === "locked" ? new LockedSignIn() : new InvalidSignIn();
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
