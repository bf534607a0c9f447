// Sizes and durations for people: "1.5 GiB", "3.2 h". Plain TypeScript, for core, CLI and panel.

const BYTE_UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** 1536 -> "1.5 KiB"; three significant digits at most. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? Math.round(value) : Number(value.toPrecision(3))} ${BYTE_UNITS[unit]}`;
}

const DURATIONS: Array<[seconds: number, unit: string]> = [
  [365.25 * 86400, 'years'],
  [86400, 'days'],
  [3600, 'h'],
  [60, 'min'],
];

/** 5400 -> "1.5 h"; below a minute in whole seconds (at least 1). */
export function formatDuration(seconds: number): string {
  for (const [size, unit] of DURATIONS) if (seconds >= size) return `${Number((seconds / size).toPrecision(2))} ${unit}`;
  return `${Math.max(1, Math.round(seconds))} s`;
}

/** "1 trial", "3 trials": a count with its noun (a regular plural). */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
