// What differs between two runs' experiments (the resolved ones: defaults filled, so a value left
// out of one file and written in the other is no difference when it is the default). Pure.

export interface ConfigDifference {
  /** "axes.samples", "stepSize". */
  path: string;
  /** The values as JSON text; "—" where one side has none. */
  left: string;
  right: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf (lists are leaves: a sweep axis reads as one value) that differs, in key order. */
export function configDifferences(left: unknown, right: unknown, path = ''): ConfigDifference[] {
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    return keys.flatMap((key) => configDifferences(left[key], right[key], path === '' ? key : `${path}.${key}`));
  }
  const leftText = left === undefined ? '—' : JSON.stringify(left);
  const rightText = right === undefined ? '—' : JSON.stringify(right);
  return leftText === rightText ? [] : [{ path, left: leftText, right: rightText }];
}

function valueAt(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), config);
}

/** Several runs' experiments side by side: each setting that differs from the first run's, with every run's value. */
export function configDifferenceTable(configs: readonly unknown[]): Array<{ path: string; values: string[] }> {
  const paths = [...new Set(configs.slice(1).flatMap((config) => configDifferences(configs[0], config).map((difference) => difference.path)))].sort();
  return paths.map((path) => ({
    path,
    values: configs.map((config) => {
      const value = valueAt(config, path);
      return value === undefined ? '—' : JSON.stringify(value);
    }),
  }));
}
