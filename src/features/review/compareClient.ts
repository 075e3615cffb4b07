/** Runs a comparison in the compare worker, or on the main thread where there are no workers (unit tests). */
import type { MapDoc } from '../../domain/change';
import { compareMaps, type Comparison } from '../../domain/compare';
import { runWorker, type WorkerLike } from '../../components/runWorker';
import type { CompareRequest } from './compare.worker';

const defaultWorker = (): WorkerLike<CompareRequest> => new Worker(new URL('./compare.worker.ts', import.meta.url), { type: 'module' });

export class CompareCancelled extends Error {
  override readonly name = 'CompareCancelled';
  constructor() {
    super('The comparison was cancelled.');
  }
}

export function compareInWorker(
  current: MapDoc,
  other: MapDoc,
  options: { signal?: AbortSignal; makeWorker?: () => WorkerLike<CompareRequest> } = {},
): Promise<Comparison> {
  if (!options.makeWorker && typeof Worker === 'undefined') return Promise.resolve(compareMaps(current, other));
  return runWorker<CompareRequest, never, Comparison>((options.makeWorker ?? defaultWorker)(), { current, other }, {
    cancelled: () => new CompareCancelled(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
