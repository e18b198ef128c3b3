import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { Empty } from '@/components/states';

export default function NotFound() {
  return (
    <Empty title="No such screen">
      <Anchor component={Link} to="/">
        Back to your start page
      </Anchor>
    </Empty>
  );
}
