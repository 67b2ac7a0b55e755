// Contrast of a focused control's focus ring with what surrounds it (WCAG 1.4.11, 3:1), which axe
// does not check: axe looks at the page as it is, not at a control while it has the focus.
import type { Locator } from "@playwright/test";

export interface RingContrast {
  focusVisible: boolean;
  ring: string;
  around: string;
  ratio: number;
}

/**
 * Reaches the control with Tab from `from` (so the browser shows the keyboard's focus style), lets
 * its transitions end (Tailwind's transition-colors fades the outline in), and measures the outline
 * against the nearest opaque background behind the control.
 */
export async function focusRingContrast(from: Locator, control: Locator): Promise<RingContrast> {
  await from.focus();
  for (let i = 0; i < 20 && !(await control.evaluate((el) => el === document.activeElement)); i++) await from.page().keyboard.press("Tab");
  await control.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  return control.evaluate((el) => {
    // A canvas turns any CSS colour (Tailwind 4 writes oklch) into sRGB bytes.
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgba = (color: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data);
    };
    const luminance = ([r, g, b]: number[]) => {
      const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    let behind = el.parentElement;
    while (behind && rgba(getComputedStyle(behind).backgroundColor)[3] === 0) behind = behind.parentElement;
    const around = getComputedStyle(behind ?? document.documentElement).backgroundColor;
    const ring = getComputedStyle(el).outlineColor;
    const [a, b] = [luminance(rgba(ring)), luminance(rgba(around))];
    const style = getComputedStyle(el);
    return {
      focusVisible: el.matches(":focus-visible") && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
      ring,
      around,
      ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
    };
  });
}
