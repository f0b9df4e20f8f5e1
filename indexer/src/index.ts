// Entry point of the bundle: only the handlers the manifest names.
export * from './mappings/attestation';
export * from './mappings/backups';
export * from './mappings/deadlines';
export * from './mappings/escrow';
export * from './mappings/registry';
