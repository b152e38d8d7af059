/**
 * The English text of every message code the API answers with, in ICU MessageFormat
 * (`{name}` for a parameter, `{n, plural, one {...} other {...}}` where a number counts).
 * Dependency-free: the API formats its English `message` from it, and the web's English
 * catalogue includes it; every other language's catalogue must give each of these codes.
 */
export const en = {
  "auth.required": "Sign in to continue.",
  "auth.forbidden": "This needs the {roles} role.",
  "auth.invalid_credentials": "The email or password is not correct.",
  "auth.too_many_attempts":
    "Too many failed sign-ins for this email. Try again in {minutes, plural, one {# minute} other {# minutes}}.",

  "request.invalid": "Some fields are not valid: {fields}.",
  "request.too_large": "The request body is larger than 100 KB.",
  "request.malformed_json": "The request body is not valid JSON.",
  "request.forbidden_origin": "Cross-site requests are not accepted.",
  "request.unsupported_media_type": "Send the body as application/json.",
  "route.not_found": "No route {method} {path}.",

  "contribution.overpayment": "The payment is more than the {outstanding} {currency} still outstanding on the pledge; record the excess as a contribution of its own.",
  "contribution.pledge_below_received": "{received} {currency} has already been received on this pledge; it cannot be less.",
  "contribution.pledge_closed": "The pledge was closed on {date}; it takes no more payments.",
  "contribution.fulfilled": "The pledge is paid in full; there is nothing left to close.",
  "contribution.not_a_pledge": "Only a pledge can be closed.",
  "contribution.close_before_pledge": "A pledge cannot be closed before it was made ({date}).",
  "contribution.close_in_future": "Give today or an earlier day.",

  "statement.not_a_member": "{state} was not a member state during {period}.",
  "database.unreachable": "The database cannot be reached right now; try again shortly.",
  internal: "Something went wrong on our side.",
} as const;

export type MessageCode = keyof typeof en;
export type MessageParams = Record<string, string | number>;
