import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useRouter, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { z } from "zod";
import { api, errorCode, type LoginChallenge } from "../api/client";
import { meQuery } from "../api/query";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { hasText, type MessageKey } from "../i18n/messages";
import { HelpPanel } from "../help/HelpPanel";
import { GetInTouch } from "../ui/GetInTouch";

const passwordStep = z.object({ username: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });
const codeStep = z.object({ code: z.string().trim().min(1).max(16) });

function errorKey(code: string): MessageKey {
  return hasText(`error.${code}`) ? (`error.${code}` as MessageKey) : "error.unknown";
}

/** AUTH-1: username and password, then the security code at the position the server asks for. */
export function LoginPage() {
  const { t } = useI18n();
  const search = useSearch({ from: "/login" });
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [challenge, setChallenge] = useState<LoginChallenge | null>(null);
  const [failure, setFailure] = useState<{ key: MessageKey; position?: number } | null>(null);
  const password = useApiForm(passwordStep, { username: "", password: "" });
  const code = useApiForm(codeStep, { code: "" });
  const { setFocus } = code;

  useEffect(() => {
    // Step 2 replaces the form: focus follows to the one field it asks for.
    if (challenge) setFocus("code");
  }, [challenge, setFocus]);

  async function submitPassword(values: z.infer<typeof passwordStep>) {
    setFailure(null);
    const { data, error } = await api.POST("/auth/login", { body: values }).catch(() => ({ data: undefined, error: undefined }));
    if (data) setChallenge(data);
    else setFailure({ key: errorKey(errorCode(error)) });
  }

  async function submitCode(values: z.infer<typeof codeStep>) {
    if (!challenge) return;
    setFailure(null);
    const { data, error } = await api
      .POST("/auth/login/code", { body: { challenge: challenge.challenge, code: values.code } })
      .catch(() => ({ data: undefined, error: undefined }));
    if (data) {
      queryClient.setQueryData(meQuery.queryKey, data.me);
      if (search.redirect) router.history.push(search.redirect);
      else await navigate({ to: "/" });
      return;
    }
    const reason = errorCode(error);
    setFailure({ key: errorKey(reason), position: challenge.code_position });
    if (reason !== "wrong_code") setChallenge(null);
  }

  return (
    <>
      {search.ended ? <p className="notice narrow" role="status">{t("session.ended")}</p> : null}
      <section className="card narrow" aria-labelledby="login-heading">
        <h1 id="login-heading" tabIndex={-1}>{challenge ? t("login.codeHeading") : t("login.heading")}</h1>
        {failure ? <p className="error" role="alert">{t(failure.key, { position: failure.position })}</p> : null}
        {failure ? <GetInTouch topic="login" values={{ username: password.getValues("username") }} /> : null}
        {challenge ? (
          <Form form={code} id="login-code" onSubmit={submitCode}>
            <p>{t("login.codePrompt", { position: challenge.code_position })}</p>
            <TextField name="code" label={t("login.code", { position: challenge.code_position })} inputMode="numeric"
              autoComplete="one-time-code" className="" />
            <div className="actions">
              <button type="submit">{t("login.continue")}</button>
              <button type="button" className="link" onClick={() => { setChallenge(null); code.reset(); }}>{t("login.startOver")}</button>
            </div>
          </Form>
        ) : (
          <Form form={password} id="login" onSubmit={submitPassword}>
            <TextField name="username" label={t("login.username")} autoComplete="username" className="" />
            <TextField name="password" label={t("login.password")} type="password" autoComplete="current-password" className="" />
            <div className="actions">
              <button type="submit">{t("login.submit")}</button>
              <Link to="/forgot-password">{t("login.forgot")}</Link>
            </div>
          </Form>
        )}
        {challenge ? null : (
          <>
            <p><Link to="/signup">{t("login.signup")}</Link></p>
            <p><Link to="/register">{t("login.register")}</Link></p>
          </>
        )}
      </section>
      <div className="narrow">
        <HelpPanel guide="login" openUnlessChosen={false} />
      </div>
    </>
  );
}
