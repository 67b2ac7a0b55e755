export const KIND_LABELS = { sale: "Sale", auth: "Authorization", capture: "Capture", void: "Void", refund: "Refund" } as const;
