// Runtime settings read from the environment, in one place.

export const config = {
  /** Public URL of the app, used for gateway callback URLs. */
  get appUrl(): string {
    return (process.env.APP_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  },
  /** Base URL of the local gateway sandbox (test-mode accounts point here). */
  get sandboxUrl(): string {
    return (process.env.SANDBOX_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 4010}`).replace(/\/$/, "");
  },
  /** Idle time after which a signed-in session ends. */
  sessionIdleSeconds: 15 * 60,
  /** A session ends this long after signing in, however active (a shared counter PC stays signed in no longer). */
  sessionAbsoluteSeconds: 12 * 60 * 60,
};
