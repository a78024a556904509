import { useState } from "react";
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from "react-aria-components";
import { z } from "zod";
import type { components } from "../api/client";
import { $api, refusalOf } from "../api/query";
import { problemOf } from "../api/problems";
import { Form, TextField } from "../forms/Form";
import { useApiForm } from "../forms/useApiForm";
import { useI18n } from "../i18n";
import { ConfirmButton } from "../ui/ConfirmButton";
import { DataTable, type ListColumn } from "../ui/DataTable";
import { notify } from "../ui/Toasts";

type Product = components["schemas"]["Product"];

const MAX_QUANTITY = 10_000; // MAX_QUANTITY in portal.catalogue.models

const productSchema = z.object({
  name: z.string().trim().min(1).max(200),
  article_number: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  unit: z.string().trim().max(60),
  description: z.string().trim().max(500),
  max_quantity: z.coerce.number<string | number>().int().min(1).max(MAX_QUANTITY),
});
type Values = z.input<typeof productSchema>;

const EMPTY: Values = { name: "", article_number: "", unit: "", description: "", max_quantity: 100 };

function valuesOf(product: Product): Values {
  return {
    name: product.name,
    article_number: product.article_number,
    unit: product.unit ?? "",
    description: product.description ?? "",
    max_quantity: product.max_quantity ?? 100,
  };
}

function bodyOf(values: Values) {
  return {
    name: values.name,
    article_number: values.article_number,
    unit: values.unit || null,
    description: values.description || null,
    max_quantity: Number(values.max_quantity),
  };
}

/** The fields of a product, the same in the new-product form and the change dialog. */
function ProductFields() {
  const { t } = useI18n();
  return (
    <div className="grid">
      <TextField name="name" label={t("field.name")} required autoComplete="off" />
      <TextField name="article_number" label={t("field.article_number")} required autoComplete="off" />
      <TextField name="unit" label={t("field.unit")} hint={t("field.unit.hint")} autoComplete="off" />
      <TextField name="max_quantity" label={t("field.max_quantity")} inputMode="numeric" required autoComplete="off" />
      <TextField name="description" label={t("field.description")} multiline className="field wide" />
    </div>
  );
}

function NewProduct() {
  const { t } = useI18n();
  const create = $api.useMutation("post", "/products");
  const form = useApiForm(productSchema, EMPTY);
  // One key per product being added: sent again after a lost answer, it adds the product once.
  const [key, setKey] = useState(() => crypto.randomUUID());

  async function submit(values: Values) {
    const refused = await refusalOf(create.mutateAsync({ body: bodyOf(values), headers: { "Idempotency-Key": key } }));
    if (refused) return form.refuse(refused);
    notify(t("toast.productAdded", { name: values.name }));
    setKey(crypto.randomUUID());
    form.reset(EMPTY);
  }

  return (
    <section className="card" aria-labelledby="new-product-heading">
      <h2 id="new-product-heading">{t("catalogue.add")}</h2>
      <Form form={form} id="new-product" onSubmit={submit} label={t("catalogue.add")}>
        <ProductFields />
        <div className="actions">
          <button type="submit">{t("catalogue.addButton")}</button>
        </div>
      </Form>
    </section>
  );
}

function EditProduct({ product }: { product: Product }) {
  const { t } = useI18n();
  const change = $api.useMutation("patch", "/products/{product_id}");
  const form = useApiForm(productSchema, valuesOf(product));

  async function submit(values: Values, close: () => void) {
    const refused = await refusalOf(change.mutateAsync({
      params: { path: { product_id: product.product_id } }, body: { ...bodyOf(values), version: product.version },
    }));
    if (refused) return form.refuse(refused);
    close();
    notify(t("toast.productChanged", { name: values.name }));
  }

  return (
    <DialogTrigger onOpenChange={(open) => open && form.reset(valuesOf(product))}>
      <Button className="button secondary-outline small" aria-label={t("catalogue.editOf", { name: product.name })}>{t("catalogue.edit")}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <Heading slot="title">{t("catalogue.editOf", { name: product.name })}</Heading>
                <Form form={form} id={`product-${product.product_id}`} onSubmit={(values) => submit(values, close)} label={t("catalogue.editOf", { name: product.name })}>
                  <ProductFields />
                  <div className="actions">
                    <button type="submit">{t("catalogue.save")}</button>
                    <Button className="button secondary-outline" onPress={close}>{t("dialog.cancel")}</Button>
                  </div>
                </Form>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

function ProductActions({ product }: { product: Product }) {
  const { t } = useI18n();
  const change = $api.useMutation("patch", "/products/{product_id}");
  const [refusal, setRefusal] = useState<unknown>(null);
  const active = product.active ?? true;

  async function offer(next: boolean) {
    const refused = await refusalOf(change.mutateAsync({
      params: { path: { product_id: product.product_id } }, body: { version: product.version, active: next },
    }));
    setRefusal(refused);
    if (!refused) notify(t(next ? "toast.productReinstated" : "toast.productRetired", { name: product.name }));
  }

  return (
    <div className="actions compact">
      <EditProduct product={product} />
      {active ? (
        <ConfirmButton className="button secondary-outline small" label={t("catalogue.retire")} ariaLabel={t("catalogue.retireOf", { name: product.name })}
          title={t("catalogue.retireTitle", { name: product.name })} confirmLabel={t("catalogue.retire")} onConfirm={() => offer(false)}>
          <p>{t("catalogue.retireConfirm", { name: product.name })}</p>
        </ConfirmButton>
      ) : (
        <button type="button" className="secondary-outline small" aria-label={t("catalogue.reinstateOf", { name: product.name })} onClick={() => void offer(true)}>
          {t("catalogue.reinstate")}
        </button>
      )}
      {refusal ? <p className="error" role="alert">{t(problemOf(refusal).summary)}</p> : null}
    </div>
  );
}

/** ORD-1 for the vendor's administrators: the products customers order supplies from; add, change, retire. */
export function CataloguePage() {
  const { t } = useI18n();
  const products = $api.useQuery("get", "/products", { params: { query: { include_retired: true } } });
  const columns: ListColumn<Product>[] = [
    { id: "name", header: t("catalogue.column.name"), cell: (product) => product.name, rowHeader: true },
    { id: "article", header: t("catalogue.column.article"), cell: (product) => product.article_number },
    { id: "unit", header: t("catalogue.column.unit"), cell: (product) => product.unit ?? "" },
    { id: "max", header: t("catalogue.column.max"), cell: (product) => product.max_quantity ?? 100 },
    {
      id: "status", header: t("catalogue.column.status"),
      cell: (product) => (product.active ?? true) ? t("catalogue.status.active") : <span className="badge">{t("catalogue.status.retired")}</span>,
    },
    { id: "actions", header: t("catalogue.column.actions"), cell: (product) => <ProductActions product={product} /> },
  ];

  return (
    <>
      <section className="card" aria-labelledby="catalogue-heading">
        <h1 id="catalogue-heading" tabIndex={-1}>{t("catalogue.heading")}</h1>
        <p className="muted">{t("catalogue.intro")}</p>
        <h2 id="products-heading">{t("catalogue.list")}</h2>
        {products.data ? (
          <DataTable labelledBy="products-heading" columns={columns} rows={products.data.items} rowId={(product) => product.product_id}
            visibleColumns={columns.map((column) => column.id)} empty={t("catalogue.empty")} />
        ) : null}
      </section>
      <NewProduct />
    </>
  );
}
