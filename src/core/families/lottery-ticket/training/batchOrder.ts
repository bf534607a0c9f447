// The order in which a network sees its training images: epoch after epoch, each a seeded
// shuffle of the training subset, cut into batches (an epoch's tail continues into the next
// epoch's first batch). The same seed gives the same order in every round and for every variant,
// and the order from iteration k on is what a network rewound to iteration k trains on.
import { trialStream } from '../../../random/trialStreams';
import type { RandomStream } from '../../../random/randomStream';

export class BatchOrder {
  private readonly epoch: Uint32Array;
  private position: number;
  private readonly random: RandomStream;

  constructor(private readonly train: Uint32Array, private readonly batchSize: number, seed: number) {
    this.epoch = new Uint32Array(train.length);
    this.random = trialStream(seed, 'batches');
    this.position = train.length; // shuffle on the first batch
  }

  /** Fills `out` with the next batch's image indices (into the training images). */
  next(out: Uint32Array): void {
    for (let row = 0; row < this.batchSize; row++) {
      if (this.position === this.epoch.length) this.shuffle();
      out[row] = this.epoch[this.position++];
    }
  }

  /** Skips `iterations` batches (a rewound network continues the order from its rewind point). */
  skip(iterations: number, scratch: Uint32Array): void {
    for (let iteration = 0; iteration < iterations; iteration++) this.next(scratch);
  }

  private shuffle(): void {
    this.epoch.set(this.train);
    for (let index = this.epoch.length - 1; index > 0; index--) {
      const swap = this.random.nextInt(index + 1);
      const chosen = this.epoch[swap];
      this.epoch[swap] = this.epoch[index];
      this.epoch[index] = chosen;
    }
    this.position = 0;
  }
}
