import { SegmentedControl, Stack, Text } from '@mantine/core';

/** A segmented choice with a visible label that also names it for assistive technology. */
export function LabelledChoice<T extends string>({
  id,
  label,
  value,
  onChange,
  data,
}: {
  id: string;
  label: string;
  value: T;
  onChange: (value: T) => void;
  data: { value: T; label: string }[];
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={id} value={value} onChange={(v) => onChange(v as T)} data={data} />
    </Stack>
  );
}
