// Argument checks both network implementations share, so that a wrong call fails the same way,
// with a message that names the argument, whichever implementation runs.
import type { OptimizerSettings } from './mlpNetwork';

/** Sizes of layer l's weight matrix (row-major [outputs][inputs]). */
export interface LayerShape {
  inputs: number;
  outputs: number;
}

export function layerShapes(layerSizes: readonly number[]): LayerShape[] {
  return layerSizes.slice(1).map((outputs, layer) => ({ inputs: layerSizes[layer], outputs }));
}

export function checkNetworkSizes(layerSizes: readonly number[], maxBatch: number): void {
  if (layerSizes.length < 2) throw new RangeError(`mlp network: layerSizes ${JSON.stringify(layerSizes)} needs at least an input and an output size`);
  for (const size of layerSizes) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`mlp network: layer size ${size} in ${JSON.stringify(layerSizes)} is not a positive integer`);
  }
  const classes = layerSizes[layerSizes.length - 1];
  // Labels are bytes (Uint8Array).
  if (classes < 2 || classes > 256) throw new RangeError(`mlp network: ${classes} output classes, expected 2 to 256`);
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`mlp network: maxBatch ${maxBatch} is not a positive integer`);
}

export function checkLayer(layerSizes: readonly number[], layer: number): void {
  if (!Number.isInteger(layer) || layer < 0 || layer > layerSizes.length - 2) {
    throw new RangeError(`mlp network: layer ${layer} does not exist (layers 0 to ${layerSizes.length - 2})`);
  }
}

/**
 * A batch of `count` rows: `inputs` exactly count · layerSizes[0] floats, `labels` exactly count
 * classes below the output size. `limit` caps count (maxBatch for training; none for evaluate).
 */
export function checkBatch(layerSizes: readonly number[], inputs: Float32Array, labels: Uint8Array, count: number, limit: number): void {
  if (!Number.isInteger(count) || count < 1 || count > limit) {
    throw new RangeError(`mlp network: count ${count}, expected an integer from 1 to ${limit}${Number.isFinite(limit) ? ' (maxBatch)' : ''}`);
  }
  const width = layerSizes[0];
  if (inputs.length !== count * width) {
    throw new RangeError(`mlp network: inputs has ${inputs.length} floats, expected count · layerSizes[0] = ${count} · ${width} = ${count * width}`);
  }
  if (labels.length !== count) throw new RangeError(`mlp network: labels has ${labels.length} entries, expected count = ${count}`);
  const classes = layerSizes[layerSizes.length - 1];
  for (let row = 0; row < count; row++) {
    if (labels[row] >= classes) throw new RangeError(`mlp network: label ${labels[row]} of row ${row} is not a class (0 to ${classes - 1})`);
  }
}

/** Throws unless every mask value is 0 or 1 (an accidental 255 or 2 would silently count as kept). */
export function checkMaskValues(mask: Uint8Array, layer: number): void {
  const position = mask.findIndex((value) => value > 1);
  if (position >= 0) throw new RangeError(`mlp network: mask(${layer})[${position}] is ${mask[position]}, expected 0 (pruned) or 1 (kept)`);
}

export function checkOptimizer(settings: OptimizerSettings): void {
  const fail = (what: string) => {
    throw new RangeError(`mlp network: ${settings.kind} ${what} (settings ${JSON.stringify(settings)})`);
  };
  if (!(settings.learningRate > 0 && Number.isFinite(settings.learningRate))) fail('learningRate must be positive and finite');
  if (settings.kind === 'sgd') {
    if (!(settings.momentum >= 0 && settings.momentum < 1)) fail('momentum must be in [0, 1)');
  } else if (settings.kind === 'adam') {
    if (!(settings.beta1 >= 0 && settings.beta1 < 1)) fail('beta1 must be in [0, 1)');
    if (!(settings.beta2 >= 0 && settings.beta2 < 1)) fail('beta2 must be in [0, 1)');
    if (!(settings.epsilon > 0 && Number.isFinite(settings.epsilon))) fail('epsilon must be positive and finite');
  } else {
    throw new RangeError(`mlp network: unknown optimizer kind in ${JSON.stringify(settings)}`);
  }
}

/**
 * PyTorch's Adam after `step` updates (step >= 1) folds both bias corrections into two scalars:
 * w -= stepSize · m / (sqrt(v) / secondMomentScale + epsilon). Both implementations use this
 * form, so they round alike.
 */
export function adamScalars(settings: Extract<OptimizerSettings, { kind: 'adam' }>, step: number): { stepSize: number; secondMomentScale: number } {
  return {
    stepSize: settings.learningRate / (1 - settings.beta1 ** step),
    secondMomentScale: Math.sqrt(1 - settings.beta2 ** step),
  };
}
