export type { Client, Middleware } from 'openapi-fetch';

/** The lower-case HTTP methods of a path item (as openapi-typescript writes them). */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
