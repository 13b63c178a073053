export { CONTROL_COMMANDS, CONTROL_PREFIX, type AdvanceableClock } from './control-api.js';
export { mockCoverage, servedOperationIds, type MockCoverage } from './coverage.js';
