import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { getCustomer, type CustomerView } from "@/lib/services/customers";
import { NotFoundError } from "@/lib/services/errors";

export async function loadCustomerOr404(id: string): Promise<CustomerView> {
  try {
    return await getCustomer(db, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
