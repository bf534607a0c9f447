// Per-shard progress of a cluster run (lth slurm): one small bar per shard, so a shard that is
// stuck, pending or failed stands out while the others land. Hidden for ordinary runs.
import type { ShardProgress } from '../../src/shared/protocol';
import { element } from './dom';

export class ShardProgressView {
  readonly element = element('div', { className: 'shard-progress', role: 'group', 'aria-label': 'Shards of the cluster run' });

  constructor() {
    this.element.hidden = true;
  }

  show(shards: readonly ShardProgress[]): void {
    this.element.hidden = shards.length === 0;
    const done = shards.filter((shard) => shard.status === 'completed').length;
    const summary = element('span', { className: 'shard-summary', text: `Shards: ${done} of ${shards.length} done` });
    this.element.replaceChildren(summary, ...shards.map(shardItem));
  }
}

function shardItem(shard: ShardProgress): HTMLElement {
  const counts = shard.status === 'pending' ? 'pending' : `${shard.completedTrials}/${shard.totalTrials} ${shard.status}`;
  const bar = element('progress', { max: String(Math.max(shard.totalTrials, 1)), 'aria-label': `Shard ${shard.index}: ${counts}` });
  // A completed shard that drew no trial of the sweep (more shards than trials) shows full, not empty.
  bar.value = shard.status === 'completed' && shard.totalTrials === 0 ? 1 : shard.completedTrials;
  return element('span', { className: `shard shard-${shard.status}`, title: `Shard ${shard.index}: ${counts}` }, [document.createTextNode(`${shard.index} `), bar]);
}
