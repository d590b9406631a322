// Public surface of the OSRM-compatible service (re-exported by engine/routing/index.ts).
export { OsrmService, DEFAULT_OSRM_SERVICE_LIMITS, type OsrmServiceLimits } from './osrm-service.js';
export {
  OsrmCodeError, type OsrmRouteRequest, type OsrmTableRequest, type OsrmNearestRequest, type OsrmTripRequest, type OsrmMatchRequest,
  type OsrmPointOptions, type OsrmRouteOptions, type OsrmApproach, type OsrmAnnotation, type OsrmGeometryFormat, type OsrmOverviewMode,
} from './osrm-request.js';
export { stepInstruction, streetLabel, type InstructionLanguage, type InstructionStep } from './step-instructions.js';
export { simplifyLine, fittedZoom } from './simplify.js';
