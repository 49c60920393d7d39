export * from './test-databases.ts';
export * from './throwaway-postgres.ts';
