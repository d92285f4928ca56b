/**
 * The app shell. At launch it registers the privacy listener (so the custom popup can appear on
 * any page) and starts the session in the background: silent login or refresh, never awaited,
 * so the first page requests public content at once and a first open is always a guest reading.
 */
import { startSession } from './services/auth.service';
import { installPrivacyListener } from './services/privacy.service';

App<Record<never, never>>({
  onLaunch() {
    installPrivacyListener();
    void startSession();
  },
});
