// The road layer the commands route on by default, in a module of its own so `serve` can name it without loading the engine.
import { fromPackageRoot } from '../../api/package-root.js';

/** The Jakarta road layer shipped in fixtures/, found from the package root whatever the working folder. */
export const DEFAULT_GRAPH_FILE = fromPackageRoot('fixtures/osm/jakarta-roads-osm-2012.geojson');
