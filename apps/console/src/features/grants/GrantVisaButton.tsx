import { Button } from '@mantine/core';
import { useMutation } from 'urql';
import { ApiErrorAlert } from '@/components/ApiErrorAlert';
import { GrantVisaDocument } from '@/gql/graphql';

/** Downloads the grant's ControlledAccessGrants visa (a signed JWT) as a file. */
export function GrantVisaButton({ id, datasetId }: { id: string; datasetId: string }) {
  const [state, fetchVisa] = useMutation(GrantVisaDocument);
  const download = async () => {
    const r = await fetchVisa({ id });
    if (!r.data) return;
    const url = URL.createObjectURL(new Blob([`${r.data.grantVisa}\n`], { type: 'application/jwt' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `controlled-access-grant-${datasetId}.jwt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <>
      <Button variant="light" loading={state.fetching} onClick={() => void download()}>
        Download visa
      </Button>
      <ApiErrorAlert error={state.error} />
    </>
  );
}
