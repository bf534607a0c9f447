// Manifests written by version 0.1 lack `kind` and `resolved` (readers then re-parsed the raw
// config). Reading one, we resolve its config through its family once, as the run did: the
// folder opens like a new one and no reader ever looks at the raw config again.
import { findFamily } from '../families/registry';

/** `raw` with `kind` and `resolved` filled in when it is a 0.1 manifest; anything else unchanged (the check judges it). */
export function upgradeManifest(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const manifest = raw as Record<string, unknown>;
  if (manifest.kind !== undefined && manifest.resolved !== undefined) return raw;
  const config = manifest.config as { kind?: unknown } | undefined;
  const kind = manifest.kind ?? config?.kind;
  const family = typeof kind === 'string' ? findFamily(kind) : undefined;
  if (family === undefined || typeof config !== 'object' || config === null || typeof manifest.experiment !== 'string') return raw;
  let resolved: unknown;
  try {
    resolved = family.resolve(config, manifest.experiment);
  } catch {
    return raw; // a config no longer resolvable: the check reports the manifest as lacking `resolved`
  }
  const { experiment, config: _config, ...rest } = manifest;
  return { experiment, kind, config, resolved, ...rest };
}
