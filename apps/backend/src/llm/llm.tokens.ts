/** The resilient runner of the configured model, or null for LLM_PROVIDER=offline. */
export const LLM_RUNNER = Symbol('LLM_RUNNER');
/** The LLM settings as one typed object. */
export const LLM_CONFIG = Symbol('LLM_CONFIG');
