// Splits a sources × destinations table into OSRM requests of at most `maxCoordinates` coordinates each.

/** One request: source rows [sourceStart, sourceEnd) × destination columns [destinationStart, destinationEnd). */
export interface TableChunk {
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly destinationStart: number;
  readonly destinationEnd: number;
  /** Square table, same block on both sides: send the block once, without sources/destinations parameters. */
  readonly shared: boolean;
}

function blocks(count: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < count; start += size) out.push([start, Math.min(count, start + size)]);
  return out;
}

/**
 * Chunks covering the whole table. `square`: destinations are the sources (a block paired with itself is sent once).
 * Every chunk sends at most `maxCoordinates` coordinates (≥ 2).
 */
export function planTableChunks(sourceCount: number, destinationCount: number, square: boolean, maxCoordinates: number): TableChunk[] {
  if (!Number.isInteger(maxCoordinates) || maxCoordinates < 2) throw new RangeError(`maxCoordinates must be an integer ≥ 2, got ${maxCoordinates}`);
  if (square && sourceCount <= maxCoordinates) {
    return [{ sourceStart: 0, sourceEnd: sourceCount, destinationStart: 0, destinationEnd: sourceCount, shared: true }];
  }
  // Split the budget between the two sides; a short side keeps all of its coordinates and the long side takes the rest.
  let sourceBlock = Math.min(sourceCount, Math.ceil(maxCoordinates / 2));
  const destinationBlock = Math.min(destinationCount, maxCoordinates - sourceBlock);
  sourceBlock = Math.min(sourceCount, maxCoordinates - destinationBlock);
  const chunks: TableChunk[] = [];
  for (const [sourceStart, sourceEnd] of blocks(sourceCount, sourceBlock)) {
    for (const [destinationStart, destinationEnd] of blocks(destinationCount, destinationBlock)) {
      chunks.push({ sourceStart, sourceEnd, destinationStart, destinationEnd, shared: square && sourceStart === destinationStart && sourceEnd === destinationEnd });
    }
  }
  return chunks;
}
