import { Navigate } from 'react-router';
import { Empty } from '@/components/states';
import { useUser } from './session';

/** Where a person lands: the first screen of their main job. */
export default function Home() {
  const user = useUser();
  const target = user.roles.includes('steward')
    ? '/review'
    : user.roles.includes('compliance')
      ? '/audit'
      : user.roles.includes('dac_member') || user.roles.includes('dac_chair')
        ? '/committee'
        : user.roles.includes('researcher')
          ? '/datasets'
          : user.roles.includes('admin')
            ? '/admin/users'
            : null;
  if (target) return <Navigate to={target} replace />;
  return (
    <Empty title="You have no role on this node yet">
      Ask the node operator to give you a role (researcher, steward, compliance, admin, or a data access
      committee member or chair).
    </Empty>
  );
}
