import {
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Light and outline variants (badges, light buttons, the active nav link) with text dark enough for
 * 4.5:1 on their tinted backgrounds; the kit's defaults are lighter than WCAG AA allows at small sizes.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (
    parsed.isThemeColor &&
    (input.variant === 'light' || input.variant === 'outline' || input.variant === 'subtle')
  ) {
    const text = darken(input.theme.colors[parsed.color][9], 0.3);
    return {
      ...colors,
      color: text,
      border: input.variant === 'outline' ? `1px solid ${text}` : colors.border,
    };
  }
  if (parsed.isThemeColor && input.variant === 'filled' && parsed.color !== 'helix') {
    // Light hues take dark text; the others a shade dark enough for white text.
    const light = ['yellow', 'lime', 'orange'].includes(parsed.color);
    const shades = input.theme.colors[parsed.color];
    return {
      ...colors,
      background: light ? shades[4] : darken(shades[9], 0.15),
      hover: light ? shades[5] : darken(shades[9], 0.3),
      color: light ? '#1a1b1e' : '#fff',
    };
  }
  return colors;
};

/** The console's theme, set once. Colours keep WCAG AA contrast for text on their backgrounds. */
export const theme = createTheme({
  // A teal darker than the kit's, so white on filled buttons and the light variants pass 4.5:1.
  colors: {
    helix: [
      '#e6fcf5',
      '#c3fae8',
      '#96f2d7',
      '#63e6be',
      '#20c997',
      '#0ca678',
      '#0a7a5e',
      '#086a52',
      '#065a45',
      '#044a38',
    ],
  },
  primaryColor: 'helix',
  autoContrast: true,
  luminanceThreshold: 0.4,
  variantColorResolver,
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Badge: { defaultProps: { variant: 'light' } },
  },
});

/** Dimmed text and errors darker than the kit's defaults, for WCAG AA contrast on white (axe checks it). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-anchor': 'var(--mantine-color-helix-8)',
  },
  dark: {},
});
