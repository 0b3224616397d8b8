/**
 * What the sign-in form receives for a disabled account: next-auth passes the message of an
 * error thrown by `authorize` through to `signIn()`. A wrong password gets next-auth's own.
 */
export const ACCOUNT_DISABLED_ERROR = "AccountDisabled";

/** What the sign-in form receives when the account or the address is throttled. */
export const TOO_MANY_ATTEMPTS_ERROR = "TooManyAttempts";
