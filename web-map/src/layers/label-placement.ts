// Label placement for map labels: each label takes the first side of its point (above, below, right, left) where it
// overlaps no label placed before it and no other point's symbol; pure screen geometry, no Leaflet.

export type LabelSide = 'top' | 'bottom' | 'right' | 'left';

/** A point to label, in screen pixels, with the label's size. */
export interface LabelRequest {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedLabel {
  readonly side: LabelSide;
  /** The label's box: left, top, right, bottom in screen pixels. */
  readonly box: readonly [number, number, number, number];
}

const SIDES: readonly LabelSide[] = ['top', 'bottom', 'right', 'left'];

/** Distance from the point to the near edge of its label, px (clears the point's symbol). */
export const LABEL_GAP_PX = 12;
/** Half the size of the box kept clear around every labelled point's symbol, px. */
const SYMBOL_HALF_PX = 11;

export function labelBox(r: LabelRequest, side: LabelSide): [number, number, number, number] {
  switch (side) {
    case 'top': return [r.x - r.width / 2, r.y - LABEL_GAP_PX - r.height, r.x + r.width / 2, r.y - LABEL_GAP_PX];
    case 'bottom': return [r.x - r.width / 2, r.y + LABEL_GAP_PX, r.x + r.width / 2, r.y + LABEL_GAP_PX + r.height];
    case 'right': return [r.x + LABEL_GAP_PX, r.y - r.height / 2, r.x + LABEL_GAP_PX + r.width, r.y + r.height / 2];
    case 'left': return [r.x - LABEL_GAP_PX - r.width, r.y - r.height / 2, r.x - LABEL_GAP_PX, r.y + r.height / 2];
  }
}

/** Overlap area of two boxes, px². */
export function overlapArea(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places labels in order (put the most important first): each on the first side free of earlier labels and of every
 * point's symbol; when no side is free, on the side with the least overlap.
 */
export function placeLabels(requests: readonly LabelRequest[]): PlacedLabel[] {
  const symbols = requests.map((r) => [r.x - SYMBOL_HALF_PX, r.y - SYMBOL_HALF_PX, r.x + SYMBOL_HALF_PX, r.y + SYMBOL_HALF_PX]);
  const placed: PlacedLabel[] = [];
  requests.forEach((request, index) => {
    let best: PlacedLabel | undefined;
    let bestOverlap = Infinity;
    for (const side of SIDES) {
      const box = labelBox(request, side);
      let overlap = 0;
      for (const other of placed) overlap += overlapArea(box, other.box);
      symbols.forEach((symbol, k) => { if (k !== index) overlap += overlapArea(box, symbol); });
      if (overlap < bestOverlap) { best = { side, box }; bestOverlap = overlap; }
      if (overlap === 0) break;
    }
    placed.push(best!);
  });
  return placed;
}
