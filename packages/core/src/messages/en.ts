/**
 * The English text of every message code the API answers with, in ICU MessageFormat
 * (`{name}` for a parameter, `{n, plural, one {...} other {...}}` where a number counts,
 * `{x, select, a {...} other {...}}` where a word varies). Grouped by domain.
 * Dependency-free: the API formats its English `message` from it, and the web's English
 * catalogue includes it; every other language's catalogue must give each of these codes.
 * Every parameter a message names must be passed (ICU refuses a missing one).
 */
export const en = {
  // Signing in and roles
  "auth.required": "Sign in to continue.",
  "auth.forbidden": "{count, plural, one {This needs the {roles} role.} other {This needs one of the roles {roles}.}}",
  "auth.invalid_credentials": "The email or password is not correct.",
  "auth.too_many_attempts":
    "Too many failed sign-ins for this email. Try again in {minutes, plural, one {# minute} other {# minutes}}.",
  "auth.busy": "Too many sign-ins at once. Try again in {seconds, plural, one {# second} other {# seconds}}.",

  "statement.period_not_ended": "Statements for {period} can be sent once it has ended (after {end}); preview it meanwhile.",

  // The request as a whole
  "request.invalid": "Some fields are not valid: {fields}.",
  "request.too_large": "The request body is larger than 100 KB.",
  "request.malformed_json": "The request body is not valid JSON.",
  "request.forbidden_origin": "Cross-site requests are not accepted.",
  "request.unsupported_media_type": "Send the body as application/json.",
  "request.failed": "The request could not be handled.",
  "route.not_found": "No route {method} {path}.",

  "database.unreachable": "The database cannot be reached right now; try again shortly.",
  internal: "Something went wrong on our side.",
  "cursor.invalid": "Not a valid cursor: pass back the cursor of the previous page.",

  // Any field (zod's own checks, mapped by issue code)
  "field.required": "Required.",
  "field.invalid_type":
    "Expected {expected, select, string {a string} number {a number} int {a whole number} boolean {true or false} array {a list} object {an object} other {{expected}}}.",
  "field.too_small":
    "{origin, select, string {At least {minimum, plural, one {# character} other {# characters}}} array {At least {minimum, plural, one {# item} other {# items}}} other {At least {minimum, number, ::group-off}}}.",
  "field.too_big":
    "{origin, select, string {At most {maximum, plural, one {# character} other {# characters}}} array {At most {maximum, plural, one {# item} other {# items}}} other {At most {maximum, number, ::group-off}}}.",
  "field.invalid_format": "{format, select, email {Not a valid email address} other {Not in the expected form}}.",
  "field.invalid_option": "Choose one of: {options}.",
  "field.unknown": "Unknown field.",
  "field.read_only": "The server keeps this field: send it as it was read, or leave it out.",
  "field.invalid": "Not valid.",

  // Dates, years and periods
  "date.form": "Use the form YYYY-MM-DD.",
  "date.not_exists": "This date does not exist.",
  "date.range": "Give a date between {from} and {to}.",
  "date.future": "This date is in the future.",
  "year.range": "Give a year from 1990 to 2100.",
  "period.form": 'Use a year ("2026"), a quarter ("2026-Q4") or a month ("2026-11").',
  "email.invalid": "Not a valid email address.",
  "text.unsafe": "No control, bidi-override or zero-width characters.",

  // Money
  "amount.form": "Write the amount as a decimal number, e.g. 1250000.00.",
  "amount.decimals":
    "{digits, plural, =0 {{currency} has no minor unit: give a whole number.} one {{currency} allows at most # decimal.} other {{currency} allows at most # decimals.}}",
  "amount.positive": "The amount must be greater than zero.",
  "amount.too_large": "The amount is too large: at most {max} {currency}.",
  "amount.usd_too_large": "At this rate the amount is worth more than {max} USD, the most a record holds: check the rate.",
  // A number as a person writes it in the interface language (readDecimal): the example is that language's.
  "number.form": "Write a number such as 48,000,000.50: commas between thousands, a point before the decimals.",
  "number.decimal_mark": "Write the decimals after a comma, e.g. 479,35.",
  "number.grouping": "Group thousands in threes with commas, and put a point before the decimals: 48,000,000.50 or 479.35.",
  "currency.form": "Use the three-letter ISO 4217 code in capitals, e.g. KZT.",
  "currency.unknown": "Not a known ISO 4217 currency.",
  "rate.form": "Write the rate as a decimal number, e.g. 460.25 (units of the currency per 1 USD).",
  "rate.positive": "The rate must be greater than zero.",
  "rate.usd": "USD is converted at 1; leave the rate out.",
  "rate.required": "Give the rate: {currency} per 1 USD.",

  // Idempotency keys
  "idempotency.key_form": "Use at least 8 characters (a UUID is ideal).",
  "idempotency.key_chars": "Printable ASCII without spaces.",
  "idempotency.key_reused": "This Idempotency-Key was already used with a different request body.",
  "idempotency.in_flight": "The same request is still being handled; try again shortly.",

  // Member states
  "state.code_form": "Use the two-letter ISO 3166-1 code in capitals, e.g. KZ.",
  "state.not_found": "No member state with code {code}.",
  "state.exists": "A member state with code {code} already exists.",
  "state.version_conflict": "Member state {code} was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "statement.not_a_member": "{state} was not a member state during {period}.",
  "statement.period_open": "A member state reads its statement for {period} once the period has ended (after {end}).",
  "statement.revision_next": "Revision {revision} cannot be sent yet: the next revision of this statement is {next}.",

  // Users
  "user.not_found": "No user {email}.",
  "user.exists": "A user {email} already exists.",
  "user.version_conflict": "User {email} was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "user.self_disable": "You cannot disable your own account.",
  "user.self_demote": "You cannot remove your own admin role.",
  "user.roles_required": "Give at least one role.",
  "user.state_alone": "The member state role is given alone: a state's focal point holds no Secretariat role.",
  "user.state_required": "Choose the member state this user sees.",
  "user.state_unknown": "No member state {code}.",
  "user.state_without_role": "Only a user with the member state role is bound to a state.",

  // Contributions
  "contribution.not_found": "No contribution {id}.",
  "contribution.version_conflict": "This contribution was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "contribution.is_voided": "A voided contribution cannot be changed.",
  "contribution.already_voided": "This contribution is already voided.",
  "contribution.pledge_changed": "The pledge was changed at the same time; try again.",
  "contribution.pledge_partly_paid":
    "Part of this pledge has been received through payments; record the rest as a payment of the pledge.",
  "contribution.earmark_required": "Say what the contribution is earmarked for.",
  "contribution.description_required": "Describe what was given and how it was valued.",
  "contribution.pledge_needs_received": "Only a received contribution can pay a pledge.",
  "contribution.pledge_not_open": "No open pledge with this id.",
  "contribution.pledge_state": "The pledge was made by {pledgeState}, not {state}.",
  "contribution.pledge_currency": "The pledge is in {currency}; record its payment in {currency}.",
  "contribution.payment_keeps": "A payment keeps the state and currency of its pledge.",
  "contribution.payment_not_pledge": "A payment of a pledge cannot become a pledge.",
  "contribution.void_reason": "Say why the record is voided.",
  "contribution.overpayment": "The payment is more than the {outstanding} {currency} still outstanding on the pledge; record the excess as a contribution of its own.",
  "contribution.pledge_below_received": "{received} {currency} has already been received on this pledge; it cannot be less.",
  "contribution.pledge_closed": "The pledge was closed on {date}; it takes no more payments.",
  "contribution.fulfilled": "The pledge is paid in full; there is nothing left to close.",
  "contribution.not_a_pledge": "Only a pledge can be closed.",
  "contribution.close_before_pledge": "A pledge cannot be closed before it was made ({date}).",
  "contribution.close_in_future": "Give today or an earlier day.",
  "contribution.likely_duplicate":
    "{number} of {date} has the same state, value date, amount, currency and reference; send confirmDuplicate: true to record this one anyway.",

  // Budgets
  "budget.not_found": "No budget for {year}.",
  "budget.version_not_found": "No budget for {year} version {version}.",
  "budget.version_conflict":
    "{version, plural, =0 {There is no {year} budget yet; send no version to create it.} other {The {year} budget is at version {version}, changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.}}",
  "budget.lines_required": "Give at least one budget line.",
  "budget.code_twice": "This code is used twice.",
  "budget.line_code": "Letters, digits, dot, dash or underscore.",
  "budget.decision_ref_required": "Give the reference of the decision that approves the budget.",

  // Year-end close
  "close.year_closed":
    "{year} is {status, select, final {closed finally} provisional {closed provisionally} other {closed}}: nothing dated in it can be recorded, corrected or voided. Record a correction in an open year as an adjustment of the original.",
  "close.final": "{year} is closed finally; a final close never reopens.",
  "close.already_closed": "{year} is already {status, select, final {closed finally} other {closed provisionally}}.",
  "close.not_closed": "{year} is not closed.",
  "close.reopen_reason": "Say why the year is reopened.",
  "close.version_conflict": "The close of {year} was changed meanwhile; reload and try again.",
  "contribution.adjusts_not_found": "No contribution {id} to adjust.",
  "contribution.adjusts_open_year": "{year} is open: correct the record itself instead of adjusting it.",
  "contribution.adjusts_state": "The record adjusted is of {state}; an adjustment keeps its state.",
  "contribution.difference_needs_pledge": "Only a payment of a pledge settles an instalment.",
  "contribution.instalments_pledge_only": "Only a pledge has a schedule of instalments.",
  "contribution.instalments_order": "Each due date comes after the one before ({before}).",
  "contribution.instalments_sum": "The instalments add up to {sum} {currency}, not the {amount} {currency} pledged.",

  // The exchange-rate register
  "rate.usd_register": "USD is always 1: it has no rate in the register.",
  "rate.version_conflict":
    "{version, plural, =0 {The register has no {currency} rate of {date} yet; send no version to enter it.} other {The {currency} rate of {date} is at version {version}: it changed since it was read; reload and try again.}}",
  "rate.none_in_force": "The register has no {currency} rate in force on {date}: give the rate ({currency} per 1 USD).",
  "rate.reason_required":
    "The register's rate in force on {date} is {rate} ({source, select, un_operational {UN operational rate} nbk {National Bank of Kazakhstan} bank_actual {the bank's actual rate} other {manual}}, from {effectiveDate}): say why this contribution takes another.",
  "rate.source_unknown": "Use one of: un_operational, nbk, bank_actual, manual.",
  "rate.import_invalid":
    "{rows, plural, one {# row of the file is not valid} other {# rows of the file are not valid}}; nothing was imported.",
  "rate.csv_column": "The file has no column {column}: its first line names the columns {columns}.",
  "rate.csv_unknown_column": "Unknown column {column}: the columns are {columns}.",
  "rate.csv_empty": "The file has a header but no rates.",
  "rate.csv_too_many": "At most {max} rates a file.",
  "rate.csv_twice": "Row {other} has {currency} of {date} too, with another rate or source.",
  "rate.csv_differs":
    "The register has {currency} of {date} at {rate} ({source, select, un_operational {UN operational rate} nbk {National Bank of Kazakhstan} bank_actual {the bank's actual rate} other {manual}}): change that rate on its own instead.",
  "rate.import_conflict": "The {currency} rate of {date} was entered meanwhile; import the file again to add the rest.",

  // Imports of contributions
  "import.not_found": "No import {id}.",
  "import.too_large": "The file is larger than {max} MB.",
  "import.unreadable": "The file cannot be read as CSV or XLSX.",
  "import.empty": "The file has a header but no rows.",
  "import.too_many_rows": "At most {max, number, ::group-off} rows a file.",
  "import.value_unknown": "{value} is not one of: {options}.",
  "import.column_unknown": "The file has no column {column}.",
  "import.field_unmapped": "Choose the column of {field} (or its default).",
  "import.reason_required": "Say why these rows are recorded although they repeat a contribution.",
  "import.not_duplicate": "Row {row} repeats no contribution: there is nothing to resolve.",
  "import.confirmed": "The import is already confirmed: its mapping and duplicates can no longer change.",
  "import.changed": "The import was changed meanwhile; read it again.",
  "import.no_mapping": "Map the file's columns before confirming.",
  "import.unresolved_duplicates":
    "{n, plural, one {Row {rows} repeats a contribution: skip it or record it anyway, with a reason.} other {Rows {rows} repeat contributions: skip each or record it anyway, with a reason.}}",
  "import.row_written": "A row of this file was written meanwhile by another run; confirm again to go on.",
  "import.busy": "The ledger was busy with other writes; confirm again to go on with the import.",

  // Posts
  "post.not_found": "No post {id}.",
  "post.version_conflict": "This post was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "post.changed": "The post was changed at the same time by someone else; reload and try again.",
  "post.exists": "This post already exists; try again.",
  "post.number_form": 'Letters, digits, dot, slash or dash, up to 20 characters, e.g. "P-01".',
  "post.number_taken": "Another post already has the number {number}.",
  "post.occupied":
    "Post {number} already has an incumbent for these dates: the {kind, select, secondment {secondment} other {appointment}} of {name}, {startOn} to {endOn, select, open {open-ended} other {{endOn}}}.",
  "post.seconded_incumbent": "{name} is seconded to this post: end the secondment (POST /api/secondments/{secondmentId}/end).",
  "post.has_incumbent":
    "Post {number} has an incumbent ({name}, {startOn} to {endOn, select, open {open-ended} other {{endOn}}}): it cannot be {lifecycle, select, frozen {frozen} other {abolished}}.",
  "post.is_filled": "Post {number} is filled: end the secondment or send incumbent: null.",
  "post.frozen": "Post {number} is frozen.",
  "post.abolished": "Post {number} is abolished.",
  "post.incumbent_required": "Name the incumbent of a filled post.",
  "post.incumbent_means_filled": "A post with an incumbent is filled.",
  "post.filled_how": "A post becomes filled by a secondment, a vacancy fill or a named incumbent.",
  "post.same_title": "The post is already called this on {date}.",

  // Secondments
  "secondment.not_found": "No secondment {id}.",
  "secondment.version_conflict": "This secondment was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "secondment.exists": "Secondment {id} already exists.",
  "secondment.post_missing": "The post of secondment {id} no longer exists.",
  "secondment.ended": "This secondment already ended on {endedOn}.",
  "secondment.ended_early": "This secondment ended early on {endedOn}; record a new secondment instead.",
  "secondment.ended_by_date": "This secondment ended on {lastOn}, its last day; record a new secondment instead.",
  "secondment.ends_before_start": "The secondment cannot end before it starts.",
  "secondment.extend_after": "An extension must end after the current end, {date}.",
  "secondment.end_after_start": "The secondment started on {date}; it cannot end before.",
  "secondment.end_by_planned": "The planned end is {date}; to end later, extend the secondment.",
  // Tour rules: the longest tour and the longest service in all
  "secondment.beyond_tour_limit": "A tour on this post lasts at most {months, plural, one {# month} other {# months}}, to {date}; an extension to {endOn} needs an override with the decision's reference.",
  "secondment.beyond_cumulative_limit": "{person} may serve at most {months, plural, one {# month} other {# months}} in all ({served, plural, one {# day} other {# days}} on other secondments), so to {date}; an extension to {endOn} needs an override with the decision's reference.",
  "tour.version_conflict": "The tour rules were changed by {by, select, none {someone else} other {{by} at {when}}} (now version {current}); reload and try again.",
  "tour.grade_twice": "Grade {grade} has a limit already in this category.",

  // What a secondment is worth: the standard-cost table and who bears each cost
  "standardCost.version_conflict":
    "{version, plural, =0 {The table has no row {id} yet; send no version to enter it.} other {The row {id} is at version {version}: it changed since it was read; reload and try again.}}",
  "standardCost.total_positive": "At least one component must cost more than zero a month.",
  "standardCost.grade_form": "Write the grade as posts write it (e.g. P-4), or * for every grade of the category.",

  // Vacancies and recommendations
  "vacancy.not_found": "No vacancy {id}.",
  "vacancy.version_conflict": "This vacancy was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "vacancy.exists": "This vacancy already exists.",
  "vacancy.closed": "This vacancy is closed.",
  "vacancy.filled": "This vacancy is filled.",
  "vacancy.cancelled": "This vacancy is cancelled.",
  "vacancy.changed": "The vacancy was changed meanwhile (closed, cancelled, filled or another selection); reload.",
  "vacancy.already_selected": "Another candidate is selected for this vacancy; change that selection first.",
  "vacancy.post_missing": "The vacancy's post no longer exists.",
  "vacancy.deadline_before_publication": "The deadline cannot be before the publication.",
  "vacancy.fill_by_route": "A vacancy is filled by POST /api/vacancies/:id/fill.",
  "vacancy.state_or_vacancy": "Give a state (or a vacancyId).",
  "vacancy.appointment_ends_early": "The appointment cannot end before it starts.",
  "recommendation.not_found": "No recommendation {id} for this vacancy.",
  "recommendation.version_conflict":
    "The recommendation of {candidate} ({state}) for {vacancy}, post {post}, was changed by {by, select, none {someone else} other {{by} at {when}}}; reload and try again.",
  "recommendation.exists": "This recommendation already exists.",
  "recommendation.likely_duplicate":
    "{state} already recommended {candidate} for this vacancy (received {date}); send confirmDuplicate: true to record this one anyway.",
  "recommendation.not_shortlisted":
    "The candidate is {status, select, received {received} not_selected {not selected} other {{status}}}: shortlist the candidate first.",
  "recommendation.received_late":
    "Received after the deadline ({deadline}); send late: true to accept it as a late recommendation.",

  "organisation.version_conflict": "The organisation's profile was changed by {by, select, none {someone else} other {{by} at {when}}} (now version {current}); reload and try again.",
  "organisation.reference_chars": "Only letters, digits, / . _ - and the placeholders '{period}', '{year}' and '{state}'.",
  "organisation.reference_needs": "Include '{period}' and '{state}', so that each statement has its own reference.",
  "organisation.reference_placeholders": "The only placeholders are '{period}', '{year}' and '{state}'.",
  "recommendation.transition": "A recommendation that is {from} cannot become {to}.",

  // The audit trail
  "audit.entity_for_id": "Give the kind of record (entity) the id belongs to.",
  "audit.range": "The last day comes before the first.",
} as const;

export type MessageCode = keyof typeof en;
export type MessageParams = Record<string, string | number>;
