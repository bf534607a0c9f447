// The lottery-ticket part of `lth summarize`: per training-set size, the ticket round with the
// least mean test error, against the dense network (round 0) — where the winning ticket is.
import { formatNumber } from '../../../shared/formatNumber';
import type { SweepSummaryExtra } from '../experimentFamily';

interface TicketRow {
  values: Record<string, number>;
  row?: Record<string, unknown>;
  density?: unknown;
  testError?: { mean: number; count: number };
}

export interface BestTicket {
  trainSize: number;
  denseError: number | null;
  bestRound: number;
  bestDensity: number;
  bestError: number;
}

export const BEST_TICKET_SUMMARY: SweepSummaryExtra = {
  key: 'bestTickets',
  compute(cells) {
    const tickets = (cells as unknown as TicketRow[]).filter((cell) => cell.row?.variant === 'ticket' && (cell.testError?.count ?? 0) > 0);
    const sizes = [...new Set(tickets.map((cell) => cell.values.trainSize))].sort((left, right) => left - right);
    return sizes.map((trainSize): BestTicket => {
      const ofSize = tickets.filter((cell) => cell.values.trainSize === trainSize);
      const best = ofSize.reduce((left, right) => ((right.testError as { mean: number }).mean < (left.testError as { mean: number }).mean ? right : left));
      const dense = ofSize.find((cell) => cell.row?.round === 0);
      return {
        trainSize,
        denseError: dense?.testError?.mean ?? null,
        bestRound: best.row?.round as number,
        bestDensity: best.density as number,
        bestError: (best.testError as { mean: number }).mean,
      };
    });
  },
  text(value) {
    const best = value as BestTicket[];
    if (best.length === 0) return 'Best ticket per N: no ticket finished yet.';
    const lines = ['Best ticket per N (least mean test error at early stopping, over every cell of that N):'];
    for (const entry of best) {
      lines.push(
        `  N = ${String(entry.trainSize).padEnd(6)} dense ${formatNumber(entry.denseError)}  ->  round ${entry.bestRound} (${formatNumber(100 * entry.bestDensity)}% of weights): ${formatNumber(entry.bestError)}`,
      );
    }
    return lines.join('\n');
  },
};
