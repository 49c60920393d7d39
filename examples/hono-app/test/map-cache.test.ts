import { cacheContract } from '@bangui/core/testing';
import { createMapCache } from '../src/map-cache.ts';

// A third-party adapter passes the same conformance suite as the shipped ones: one call.
cacheContract('map-cache (example)', ({ clock }) => ({ instance: createMapCache({ clock }) }), {
  skip: { 'peer-visibility': 'process-scoped: a second Map never shares state' },
});
