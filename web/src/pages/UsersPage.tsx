import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { z } from "zod";
import type { components } from "../api/client";
import { problemOf, type Problem } from "../api/problems";
import { $api, isConflict, refusalOf } from "../api/query";
import { usersRoute } from "../app/router";
import { CUSTOMER_ROLES, customersWhoseUsersItAdministers, inRoleOrder } from "../app/sections";
import { usePrincipal } from "../app/session";
import { Form, SelectField, TextField } from "../forms/Form";
import { encode } from "../forms/messages";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { languages, type MessageKey } from "../i18n/messages";
import { ConfirmButton } from "../ui/ConfirmButton";
import { notify } from "../ui/Toasts";

type User = components["schemas"]["CustomerUser"];
type Role = components["schemas"]["CustomerRole"];
type Customer = components["schemas"]["CustomerView"];

const invitation = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  language: z.enum(languages),
  roles: z.array(z.enum(CUSTOMER_ROLES)).max(CUSTOMER_ROLES.length),
});

function RoleChoices({ chosen, registration }: { chosen?: Role[]; registration?: UseFormRegisterReturn }) {
  const { t } = useI18n();
  return (
    <fieldset className="checks">
      <legend>{t("users.roles")}</legend>
      {CUSTOMER_ROLES.map((role) => (
        <label key={role}>
          <input type="checkbox" value={role} defaultChecked={chosen?.includes(role)} {...(registration ?? { name: "roles" })} />
          {t(`customerRole.${role}` as MessageKey)}
          <span className="muted"> — {t(`customerRole.${role}.about` as MessageKey)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Changes a user's roles in a dialog; a change made meanwhile by someone else is shown with a reload offer. */
function RolesDialog({ customerId, user }: { customerId: string; user: User }) {
  const { t } = useI18n();
  const change = $api.useMutation("put", "/customers/{customer_id}/users/{user_id}/roles");
  const [refusal, setRefusal] = useState<unknown>(null);

  async function save(form: HTMLFormElement, close: () => void) {
    const roles = new FormData(form).getAll("roles").map(String) as Role[];
    const refused = await refusalOf(change.mutateAsync({
      params: { path: { customer_id: customerId, user_id: user.user_id } }, body: { roles, version: user.version },
    }));
    setRefusal(refused);
    if (!refused) {
      close();
      notify(t("toast.rolesChanged", { name: user.display_name }));
    }
  }

  return (
    <DialogTrigger onOpenChange={() => setRefusal(null)}>
      <Button className="button secondary-outline small" aria-label={t("users.changeRolesOf", { name: user.display_name })}>{t("users.changeRoles")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <form onSubmit={(event) => { event.preventDefault(); void save(event.currentTarget, close); }}>
                <Heading slot="title">{t("users.rolesOf", { name: user.display_name })}</Heading>
                {refusal ? (
                  <p className="error" role="alert">
                    {t(problemOf(refusal).summary)}
                  </p>
                ) : null}
                <RoleChoices chosen={user.roles} />
                <div className="actions">
                  <button type="submit">{t("customer.save")}</button>
                  <Button className="button secondary-outline" onPress={close}>{t("dialog.cancel")}</Button>
                </div>
                {isConflict(refusal) ? <p className="muted">{t("users.conflictHint")}</p> : null}
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function InviteForm({ customerId }: { customerId: string }) {
  const { t, language } = useI18n();
  const invite = $api.useMutation("post", "/customers/{customer_id}/users");
  const form = useApiForm(invitation, { name: "", email: "", language, roles: [] });

  async function submit(values: z.infer<typeof invitation>) {
    const refused = await refusalOf(invite.mutateAsync({ params: { path: { customer_id: customerId } }, body: values }));
    if (refused) return form.refuse(refused);
    notify(t("toast.invited", { name: values.name, email: values.email }));
    form.reset({ name: "", email: "", language, roles: [] });
  }

  return (
    <Form form={form} id="invite" onSubmit={submit} label={t("users.invite")}
      labelOf={(field) => t(field === "name" ? "field.name" : field === "email" ? "field.email" : field === "roles" ? "users.roles" : "language.label")}>
      <div className="grid">
        <TextField name="name" label={t("field.name")} required autoComplete="off" />
        <TextField name="email" label={t("field.email")} type="email" required autoComplete="off" />
        <SelectField name="language" label={t("users.language")}
          options={languages.map((option) => ({ value: option, label: t(`language.${option}` as MessageKey) }))} />
      </div>
      <RoleChoices registration={form.register("roles")} />
      <p className="muted">{t("users.inviteHint")}</p>
      <div className="actions">
        <button type="submit">{t("users.sendInvitation")}</button>
      </div>
    </Form>
  );
}

// -- the logins a customer shares (AUTH-2): as its invoice customer, or as one of its objects (staff) ---------------

type SharedLoginKind = components["schemas"]["SharedLoginKind"];

const sharedLoginBase = z.object({
  username: z.string().trim().min(3).max(100).regex(/^[a-z0-9._-]+$/, { message: encode({ key: "logins.usernameRule" }) }),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  language: z.enum(languages),
  object_id: z.string(),
  roles: z.array(z.enum(CUSTOMER_ROLES)).max(CUSTOMER_ROLES.length),
});
// An object login names one of the customer's objects: checked with the other fields, so every problem shows at once.
const sharedLogin: Record<SharedLoginKind, typeof sharedLoginBase> = {
  invoice_customer: sharedLoginBase,
  object: sharedLoginBase.extend({ object_id: z.string().min(1, { message: encode({ key: "fieldError.object_required" }) }) }),
};
type SharedLoginValues = z.infer<typeof sharedLoginBase>;

/** A taken username is the username field's problem, in words about usernames (the API says it of the field). */
function usernameTakenOr(error: unknown): Problem {
  const problem = problemOf(error);
  return problem.code === "user_exists" ? { ...problem, fields: { ...problem.fields, username: { key: "logins.usernameTaken" } } } : problem;
}

function SharedLoginForm({ customerId, kind }: { customerId: string; kind: SharedLoginKind }) {
  const { t, language } = useI18n();
  const create = $api.useMutation("post", "/customers/{customer_id}/logins");
  const objects = $api.useQuery("get", "/customers/{customer_id}/objects", { params: { path: { customer_id: customerId }, query: { limit: 100 } } },
    { enabled: kind === "object" });
  const empty: SharedLoginValues = { username: "", name: "", email: "", language, object_id: "", roles: [] };
  const form = useApiForm(sharedLogin[kind], empty);
  const id = kind === "object" ? "object-login" : "invoice-login";
  const title = t(kind === "object" ? "logins.newObject" : "logins.newInvoiceCustomer");

  async function submit(values: SharedLoginValues) {
    const refused = await refusalOf(create.mutateAsync({
      params: { path: { customer_id: customerId } },
      body: {
        kind, username: values.username, name: values.name, email: values.email, language: values.language,
        object_id: kind === "object" ? values.object_id : null,
        roles: kind === "invoice_customer" ? values.roles : [],
      },
    }));
    if (refused) return form.refuse(usernameTakenOr(refused));
    notify(t("toast.loginCreated", { username: values.username, email: values.email }));
    form.reset(empty);
  }

  const labels: Record<string, string> = {
    username: t("login.username"), name: t("logins.name"), email: t("field.email"), language: t("users.language"),
    object_id: t("field.object"), roles: t("users.roles"),
  };
  const active = (objects.data?.items ?? []).filter((item) => item.status !== "inactive");
  return (
    <Form form={form} id={id} onSubmit={submit} label={title} labelOf={(field) => labels[field] ?? field}>
      <div className="grid">
        {kind === "object" ? (
          <SelectField name="object_id" label={labels.object_id} required hint={objects.data && !active.length ? t("logins.noObjects") : undefined}
            options={[{ value: "", label: t("logins.chooseObject") }, ...active.map((item) => ({
              value: item.object_id, label: item.number ? `${item.name} (${item.number})` : item.name,
            }))]} />
        ) : null}
        <TextField name="username" label={labels.username} required autoComplete="off" hint={t("logins.usernameHint")} />
        <TextField name="name" label={labels.name} required autoComplete="off"
          hint={t(kind === "object" ? "logins.nameHintObject" : "logins.nameHintInvoice")} />
        <TextField name="email" label={labels.email} type="email" required autoComplete="off" hint={t("logins.emailHint")} />
        <SelectField name="language" label={labels.language}
          options={languages.map((option) => ({ value: option, label: t(`language.${option}` as MessageKey) }))} />
      </div>
      {kind === "invoice_customer" ? <RoleChoices registration={form.register("roles")} /> : <p className="muted">{t("logins.objectSees")}</p>}
      <div className="actions">
        <button type="submit">{t("logins.create")}</button>
      </div>
    </Form>
  );
}

function SharedLogins({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="shared-logins-heading">
      <h2 id="shared-logins-heading">{t("logins.heading")}</h2>
      <p className="muted">{t("logins.intro")}</p>
      <details>
        <summary>{t("logins.newInvoiceCustomer")}</summary>
        <SharedLoginForm customerId={customerId} kind="invoice_customer" />
      </details>
      <details>
        <summary>{t("logins.newObject")}</summary>
        <SharedLoginForm customerId={customerId} kind="object" />
      </details>
    </section>
  );
}

function UserRow({ customer, user }: { customer: Customer; user: User }) {
  const { t } = useI18n();
  const me = usePrincipal();
  const path = { customer_id: customer.customer_id, user_id: user.user_id };
  const deactivate = $api.useMutation("post", "/customers/{customer_id}/users/{user_id}/deactivate");
  const remove = $api.useMutation("delete", "/customers/{customer_id}/users/{user_id}");
  const reset = $api.useMutation("post", "/customers/{customer_id}/users/{user_id}/password-reset");
  const [refusal, setRefusal] = useState<unknown>(null);
  const may = (action: NonNullable<Customer["actions"]>[number]) => customer.actions?.includes(action) ?? false;
  const self = user.username === me.username; // one's own login is changed by someone else

  async function run(write: Promise<unknown>, done: MessageKey) {
    const refused = await refusalOf(write);
    setRefusal(refused);
    if (!refused) notify(t(done, { name: user.display_name, email: user.email }));
  }

  return (
    <li>
      <div className="row">
        <div>
          <strong>{user.display_name}</strong> — {user.email}
          {user.kind === "invoice_customer" || user.kind === "object" ? <> <span className="badge">{t(`users.kind.${user.kind}`)}</span></> : null}
          {user.active ? null : <> <span className="badge">{t("value.inactive")}</span></>}
          {user.username !== user.email.toLowerCase() ? <div className="muted">{t("users.username", { username: user.username })}</div> : null}
          <div className="muted">
            {user.roles.length ? inRoleOrder(user.roles).map((role) => t(`customerRole.${role}` as MessageKey)).join(", ") : t("users.noRoles")}
          </div>
          {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)}</p> : null}
        </div>
        {self ? null : (
          <div className="actions compact">
            {may("change_users") && user.active ? <RolesDialog customerId={customer.customer_id} user={user} /> : null}
            {may("change_users") && user.active ? (
              <button type="button" className="secondary-outline small" aria-label={t("users.sendPasswordLinkTo", { name: user.display_name })}
                onClick={() => void run(reset.mutateAsync({ params: { path } }), "toast.passwordLinkSent")}>
                {t("users.sendPasswordLink")}
              </button>
            ) : null}
            {may("change_users") && user.active ? (
              <ConfirmButton className="button secondary-outline small" label={t("users.deactivate")} ariaLabel={t("users.deactivateUser", { name: user.display_name })}
                title={t("users.deactivateTitle", { name: user.display_name })} confirmLabel={t("users.deactivate")}
                onConfirm={() => run(deactivate.mutateAsync({ params: { path }, body: { version: user.version } }), "toast.deactivated")}>
                <p>{t("users.deactivateConfirm", { name: user.display_name })}</p>
              </ConfirmButton>
            ) : null}
            {may("delete_users") ? (
              <ConfirmButton className="button danger small" label={t("users.delete")} ariaLabel={t("users.deleteUser", { name: user.display_name })}
                title={t("users.deleteTitle", { name: user.display_name })} confirmLabel={t("users.delete")}
                onConfirm={() => run(remove.mutateAsync({ params: { path, query: { version: user.version } } }), "toast.deleted")}>
                <p>{t("users.deleteConfirm", { name: user.display_name })}</p>
              </ConfirmButton>
            ) : null}
          </div>
        )}
      </div>
    </li>
  );
}

/** AUTH-3: a customer's portal users, for staff with those rights and the customer's own user administrators:
 * who has which role, invite, change roles, send a new password link, deactivate, delete; and for staff, the logins
 * the customer shares as its invoice customer or as one of its objects (AUTH-2). */
export function UsersPage() {
  const { t } = useI18n();
  const me = usePrincipal();
  const search = usersRoute.useSearch();
  const navigate = useNavigate({ from: "/users" });
  // Portal users choose among the customers they administer users for; staff arrive from a customer's page.
  const administered = customersWhoseUsersItAdministers(me);
  const mine = $api.useQuery("get", "/me/customers", {}, { enabled: me.kind !== "staff" });
  const choices = (mine.data ?? []).filter((customer) => administered.includes(customer.customer_id));
  // By default the customer the login is linked to itself (not one it sees through its group).
  const customerId = search.customer ?? administered.find((id) => me.customer_ids.includes(id)) ?? administered[0] ?? "";
  const customer = $api.useQuery("get", "/customers/{customer_id}", { params: { path: { customer_id: customerId } } }, { enabled: Boolean(customerId) });
  const users = $api.useQuery("get", "/customers/{customer_id}/users", { params: { path: { customer_id: customerId } } }, { enabled: Boolean(customerId) });
  const shown = customer.data;

  return (
    <>
      <section className="card" aria-labelledby="users-heading">
        <h1 id="users-heading" tabIndex={-1}>{shown ? t("users.headingAt", { customer: shown.name }) : t("users.heading")}</h1>
        {choices.length > 1 ? (
          <div className="filters">
            <div>
              <label htmlFor="users-customer">{t("users.customer")}</label>
              <select id="users-customer" value={customerId} onChange={(event) => void navigate({ search: { customer: event.target.value } })}>
                {choices.map((choice) => <option key={choice.customer_id} value={choice.customer_id}>{choice.name}</option>)}
              </select>
            </div>
          </div>
        ) : null}
        {!customerId ? <p>{t("users.noCustomer")}</p> : null}
        {users.error ?? customer.error ? <p className="error" role="alert">{t(problemOf(users.error ?? customer.error).summary)}</p> : null}
        {users.data && shown ? (
          users.data.items.length ? (
            <ul className="plain-list">
              {users.data.items.map((user) => <UserRow key={user.user_id} customer={shown} user={user} />)}
            </ul>
          ) : <p>{t("users.none")}</p>
        ) : customerId && !users.error ? <p role="status">{t("loading")}</p> : null}
      </section>
      {shown?.actions?.includes("invite_user") ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t("users.invite")}</h2>
          <InviteForm customerId={shown.customer_id} />
        </section>
      ) : null}
      {me.kind === "staff" && shown?.actions?.includes("invite_user") ? <SharedLogins customerId={shown.customer_id} /> : null}
    </>
  );
}
