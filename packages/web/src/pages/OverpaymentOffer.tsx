/**
 * When the API refuses a payment above its pledge's outstanding amount (contribution.overpayment on
 * `amount`), the offer to record the excess as a contribution of its own: one click shows what will
 * be recorded, a second confirms. The pledge is then paid its outstanding amount, and the excess is
 * recorded with the same state, date, currency, rate and reference, not against the pledge. The
 * split is core's rule (exact, in minor units).
 */
import { split } from "@tracker/core/contribution/excess";
import type { InferRequestType } from "hono/client";
import { useRef, useState } from "react";
import { api, ApiError, call, type Contribution } from "../api";
import { useMoney } from "../finance";
import { useI18n } from "../i18n";
import { Confirm } from "../confirm";
import { ErrorNotice } from "../ui";

type CreateBody = InferRequestType<typeof api.contributions.$post>["json"];

/** The split the refusal allows, from the error's parameters; undefined for any other error. */
function overpaymentOf(error: unknown, body: CreateBody) {
  if (!(error instanceof ApiError) || !body.pledgeId) return undefined;
  const issue = error.issues.find((i) => i.path === "amount" && i.code === "contribution.overpayment");
  const outstanding = issue?.params?.outstanding;
  if (typeof outstanding !== "string" || issue?.params?.currency !== body.currency) return undefined;
  return split(body.amount, outstanding, body.currency);
}

export function OverpaymentOffer({ error, body, onSaved }: { error: unknown; body: CreateBody; onSaved: (c: Contribution) => void }) {
  const { t } = useI18n();
  const { money } = useMoney();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  // One key per part: a retry after a failure records neither twice.
  const keys = useRef({ pays: crypto.randomUUID(), excess: crypto.randomUUID() });
  const parts = overpaymentOf(error, body);
  if (!parts) return null;
  const { pledgeId: _pledge, ...own } = body;
  const pays = parts.pays;

  const record = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const payment = pays
        ? await call(api.contributions.$post({ json: { ...body, amount: pays }, header: { "idempotency-key": keys.current.pays } }))
        : undefined;
      const excess = await call(api.contributions.$post({ json: { ...own, amount: parts.excess }, header: { "idempotency-key": keys.current.excess } }));
      onSaved(payment ?? excess);
    } catch (e) {
      setFailure(e);
      setBusy(false);
    }
  };

  const amounts = { pays: pays ? money(pays, body.currency) : "", excess: money(parts.excess, body.currency), amount: money(body.amount, body.currency) };
  return (
    <div className="notice notice--info overpayment-offer" data-testid="overpayment-offer" data-excess={parts.excess} data-pays={parts.pays}>
      <ErrorNotice error={failure} testId="overpayment-error" />
      {!confirming ? (
        <p>
          {t("overpayment.offer", amounts)}{" "}
          <button type="button" className="button button--small" onClick={() => setConfirming(true)} data-testid="record-excess">
            {t("overpayment.recordExcess", amounts)}
          </button>
        </p>
      ) : (
        <Confirm
          testId="overpayment-confirm"
          title={pays ? t("overpayment.confirmText", amounts) : t("overpayment.confirmExcessOnly", amounts)}
          confirmLabel={t("overpayment.confirm")}
          busyLabel={t("common.saving")}
          busy={busy}
          danger={false}
          onConfirm={() => void record()}
          onCancel={() => setConfirming(false)}
          confirmTestId="confirm-excess"
          cancelTestId="cancel-excess"
        />
      )}
    </div>
  );
}
