// The adaptive boundary search's settings as resolved, and its coarse pass: `coarse` sample
// counts log-spaced from min to max (rounded, repeats dropped), known before anything runs.
import type { AdaptiveSamples } from '../types';

type AdaptiveSettings = { min: number; max: number; trials: number; width?: number; coarse?: number };

export const DEFAULT_WIDTH = 0.25;
export const DEFAULT_COARSE = 4;

export function coarseSamples(settings: Pick<AdaptiveSettings, 'min' | 'max' | 'coarse'>): number[] {
  const points = settings.coarse ?? DEFAULT_COARSE;
  const ratio = Math.log(settings.max / settings.min);
  const values = Array.from({ length: points }, (_, index) => Math.round(settings.min * Math.exp((ratio * index) / (points - 1))));
  return [...new Set(values)];
}

/** The resolved experiment's `adaptiveSamples` when the file's samples ask for the search (else nothing). */
export function adaptiveOf(samples: unknown): { adaptiveSamples?: AdaptiveSamples } {
  if (typeof samples !== 'object' || samples === null || !('adaptive' in samples)) return {};
  const settings = (samples as { adaptive: AdaptiveSettings }).adaptive;
  return {
    adaptiveSamples: {
      min: settings.min,
      max: settings.max,
      trials: settings.trials,
      width: settings.width ?? DEFAULT_WIDTH,
      coarse: settings.coarse ?? DEFAULT_COARSE,
    },
  };
}
