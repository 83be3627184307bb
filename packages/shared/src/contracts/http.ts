/** Headers shared by every service-to-service call. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** The embedder's internal API takes `Authorization: Bearer <service token>`. */
export const SERVICE_TOKEN_SCHEME = 'Bearer';
