export { diagnose, compareFindings, type Diagnosis } from './diagnose';
export { fingerprintPlatform, platformOf } from './fingerprint';
export { RULES, type Rule } from './rules';
export * from './types';
