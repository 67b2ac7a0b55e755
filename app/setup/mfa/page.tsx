import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { MfaEnrollment } from "@/components/account/mfa-enrollment";
import { db } from "@/lib/db";
import { pendingEnrollment } from "@/lib/services/mfa";
import { requireSignedIn } from "@/lib/session";

export const metadata = { title: "Set up two-step sign-in" };

export default async function Page() {
  const user = await requireSignedIn();
  if (user.setupStep !== "mfa") redirect("/");
  const enrollment = await pendingEnrollment(db, user.id);
  if (!enrollment) redirect("/");
  const qr = await QRCode.toDataURL(enrollment.uri, { margin: 1, width: 192 });
  return (
    <>
      <h1 className="mb-1 mt-4 text-lg font-semibold">Set up two-step sign-in</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Keyed reaches card data, so every sign-in needs a code from an authenticator app on your phone as well as your password (PCI DSS
        8.4.2).
      </p>
      <MfaEnrollment qrDataUrl={qr} secret={enrollment.secret} />
    </>
  );
}
