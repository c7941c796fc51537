// Module strings load with this chunk, before any page that uses them renders.
import '../i18n/modules';
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
