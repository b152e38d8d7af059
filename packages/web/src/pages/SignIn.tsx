/** The sign-in page, shown whenever there is no valid session. */
import { useState, type FormEvent } from "react";
import { api, call, type User } from "../api";
import { fieldErrors } from "../errors";
import { useI18n } from "../i18n";
import { useApiMutation } from "../query";
import { ErrorNotice, TextField } from "../ui";

export function SignInPage({ onSignedIn, notice }: { onSignedIn: (user: User) => void; notice?: "sessionEnded" | "signedOut" }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useApiMutation(
    () => call(api.auth.login.$post({ json: { email: email.trim(), password } }), { quiet401: true }),
    ({ user }) => onSignedIn(user),
  );
  const { error, busy } = signIn;
  const errors = fieldErrors(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) signIn.run();
  };

  return (
    <div className="signin">
      <form className="panel signin-card" onSubmit={submit} noValidate data-testid="sign-in-form" aria-labelledby="signin-title">
        <h1 id="signin-title">{t("signin.title")}</h1>
        <p className="muted">{t("signin.intro")}</p>
        {notice && !error && (
          <div className="notice notice--info" role="status" data-testid="sign-in-notice">
            {t(notice === "sessionEnded" ? "signin.sessionEnded" : "signin.signedOut")}
          </div>
        )}
        <ErrorNotice error={error} testId="sign-in-error" />
        <TextField label={t("signin.email")} name="email" type="email" value={email} onChange={setEmail} error={errors.email} autoComplete="username" required autoFocus />
        <TextField label={t("signin.password")} name="password" type="password" value={password} onChange={setPassword} error={errors.password} autoComplete="current-password" required />
        <button type="submit" className="button button--block" disabled={busy} data-testid="sign-in">
          {busy ? t("signin.busy") : t("signin.submit")}
        </button>
      </form>
    </div>
  );
}
