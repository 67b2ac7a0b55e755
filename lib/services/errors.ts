// Errors services throw on purpose. Their messages are written for the person at the screen;
// route handlers and actions turn them into 401/403/404/409/422 answers.

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429,
    /** Field the message belongs to, for forms. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export class UnauthenticatedError extends ServiceError {
  constructor() {
    super("Your session has ended. Sign in again.", 401);
  }
}

export class ForbiddenError extends ServiceError {
  constructor(what = "do that") {
    super(`Your role does not allow you to ${what}.`, 403);
  }
}

export class NotFoundError extends ServiceError {
  constructor(what: string) {
    super(`${what} was not found.`, 404);
  }
}

export class ValidationError extends ServiceError {
  constructor(message: string, field?: string) {
    super(message, 422, field);
  }
}
