import { DEMO_FEEDS } from '../server/demoFeeds';
import type { EndpointProfile } from './profile';

/** Tag of the example profiles made from the demo feeds. */
export const EXAMPLE_TAG = 'demo';

/**
 * The built-in demo feeds as profiles, offered on first use. Their URLs start with `${demoServer}`, which the
 * extension and the CLI resolve by starting the demo server on a free loopback port.
 */
export function demoExampleProfiles(): EndpointProfile[] {
  return DEMO_FEEDS.map((feed) => {
    const profile: EndpointProfile = { name: `Demo: ${feed.name}`, url: `\${demoServer}${feed.path}`, tags: [EXAMPLE_TAG] };
    if (feed.mode !== 'sse') profile.mode = feed.mode;
    if (feed.method !== 'GET') profile.method = feed.method;
    if (feed.headers) profile.headers = { ...feed.headers };
    if (feed.body !== undefined) profile.body = feed.body;
    return profile;
  });
}
