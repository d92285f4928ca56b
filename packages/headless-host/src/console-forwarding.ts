/**
 * The mini program's console as automator's App.logAdded events (`miniProgram.on('console')`).
 * The host process's own diagnostics go to stderr directly, never through console.
 */
const LEVELS = ['log', 'info', 'warn', 'error', 'debug'] as const;
type Level = (typeof LEVELS)[number];

export interface ConsoleForwarding {
  stop(): void;
}

export function forwardConsole(send: (type: Level, args: unknown[]) => void): ConsoleForwarding {
  const originals = new Map<Level, (...args: unknown[]) => void>();
  for (const level of LEVELS) {
    const original = console[level].bind(console) as (...args: unknown[]) => void;
    originals.set(level, original);
    console[level] = (...args: unknown[]) => {
      send(
        level,
        args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : arg)),
      );
      original(...args);
    };
  }
  return {
    stop() {
      for (const [level, original] of originals) console[level] = original;
    },
  };
}
