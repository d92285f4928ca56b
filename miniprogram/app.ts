/**
 * The app shell. At launch it wires the API transport to the session (the auth service renews
 * tokens for it), registers the privacy listener (so the custom popup can appear on any page) and
 * starts the session in the background: silent login or refresh, never awaited, so the first page
 * requests public content at once and a first open is always a guest reading.
 */
import { authTokenSource, startSession } from './services/auth.service';
import { installPrivacyListener } from './services/privacy.service';
import { transport } from './services/transport';

App<Record<never, never>>({
  onLaunch() {
    transport.setTokenSource(authTokenSource);
    installPrivacyListener();
    void startSession();
  },
});
