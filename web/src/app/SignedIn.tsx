import { SessionGate } from './SessionGate';
import { AppShell } from './shell';

/** Everything behind sign-in, loaded as one lazy chunk so the login page stays small. */
export default function SignedIn() {
  return (
    <SessionGate>
      <AppShell />
    </SessionGate>
  );
}
