/**
 * The app shell. Pages, stores and services arrive with the client issue; the shell stays free
 * of login and authorization prompts, so a first open is always a guest reading content.
 */
App<Record<string, never>>({});
