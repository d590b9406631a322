// ProblemBuilder: a friendly way to assemble a ProblemInput (locations, matrix from a RoutingProvider or given,
// orders, couriers, objective) and compile it.
import { InputError } from '../errors.js';
import type { LonLat, RoutingProvider } from '../routing/routing-provider.js';
import { compileProblem } from './compile.js';
import type { CompiledProblem } from './compiled-problem.js';
import type { CourierInput, LocationInput, MatrixInput, ObjectiveInput, OrderInput, ProblemInput } from './problem-input.js';

export class ProblemBuilder {
  private readonly locations: LocationInput[] = [];
  private readonly locationIds = new Set<string>();
  private readonly orders: OrderInput[] = [];
  private readonly couriers: CourierInput[] = [];
  private matrix: MatrixInput | null = null;
  private setupS = 0;
  private objective: ObjectiveInput = {};

  constructor(private readonly loadDimensions: readonly string[]) {}

  /** Adds a location (coordinates optional, needed for `matrixFrom`); returns its id. Re-adding an id is a no-op. */
  addLocation(id: string, lon?: number, lat?: number): string {
    if (this.locationIds.has(id)) return id;
    this.locationIds.add(id);
    this.locations.push(lon !== undefined && lat !== undefined ? { id, lon, lat } : { id });
    this.matrix = null;
    return id;
  }

  /** Sets the duration / distance matrices, row-major over the locations in the order they were added. */
  setMatrix(durationS: ArrayLike<number>, distanceM: ArrayLike<number>): this {
    this.matrix = { durationS, distanceM };
    return this;
  }

  /** Fills the matrices from a routing provider (every location needs coordinates). */
  async matrixFrom(provider: RoutingProvider): Promise<this> {
    const points: LonLat[] = this.locations.map((l, i) => {
      if (l.lon === undefined || l.lat === undefined) throw new InputError('missing_coordinates', `location '${l.id}' has no coordinates`, `locations[${i}]`);
      return [l.lon, l.lat];
    });
    const table = await provider.table({ sources: points });
    return this.setMatrix(table.durationS, table.distanceM);
  }

  setSetupS(setupS: number): this {
    this.setupS = setupS;
    return this;
  }

  addOrder(order: OrderInput): this {
    this.orders.push(order);
    return this;
  }

  addCourier(courier: CourierInput): this {
    this.couriers.push(courier);
    return this;
  }

  setObjective(objective: ObjectiveInput): this {
    this.objective = { ...this.objective, ...objective };
    return this;
  }

  /** The plain ProblemInput (validated: throws InputError naming the field). */
  build(): ProblemInput {
    const input = this.plain();
    compileProblem(input);
    return input;
  }

  /** Builds and compiles in one step. */
  compile(): CompiledProblem {
    return compileProblem(this.plain());
  }

  private plain(): ProblemInput {
    if (this.matrix === null) throw new InputError('missing_matrix', 'set the matrix (setMatrix or matrixFrom) after adding every location', 'matrix');
    const input: ProblemInput = {
      loadDimensions: [...this.loadDimensions], locations: [...this.locations], matrix: this.matrix, setupS: this.setupS,
      orders: [...this.orders], couriers: [...this.couriers], objective: { ...this.objective },
    };
    return input;
  }
}
