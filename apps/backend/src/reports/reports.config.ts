import { z } from 'zod';
import { SAGEMAKER_MLFLOW_ARN } from './mlflow-auth.js';

const optionalUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional();

/** The reports feature's settings (spread into backendConfigSchema): retrieval for a report and MLflow tracking. */
export const reportsConfigShape = {
  /**
   * Retrieved cases per report, and the age window (± years) of the retrieval filter (0: no filter; 30 chosen on
   * the patient-voice dev narratives, see docs/retrieval.md).
   */
  REPORT_TOP_K: z.coerce.number({ message: 'must be a number' }).int().min(3).max(20).default(5),
  REPORT_AGE_WINDOW_YEARS: z.coerce.number({ message: 'must be a number' }).int().min(0).max(100).default(30),
  /**
   * Calibrated probability of relevance under which a retrieved case is not cited; 0 (default) cites every case with a
   * matched finding, site or condition. The benchmark suggests 0.05 (calibration/relevance.json, docs/retrieval.md).
   */
  REPORT_MIN_RELEVANCE: z.coerce.number({ message: 'must be a number' }).min(0).max(1).default(0),
  /**
   * Optional MLflow tracking server (REST API): parameters and metrics per report, never an encounter
   * or patient identifier. https is required when NODE_ENV=production.
   */
  MLFLOW_TRACKING_URI: optionalUrl,
  MLFLOW_EXPERIMENT: z.string().default('patientinsight-reports'),
  /**
   * A SageMaker-managed MLflow tracking server: calls are signed with SigV4 (credentials from the default chain)
   * and go to its regional endpoint unless MLFLOW_TRACKING_URI names another.
   */
  MLFLOW_TRACKING_SERVER_ARN: z.string().regex(SAGEMAKER_MLFLOW_ARN, 'must be a SageMaker MLflow tracking server ARN').optional(),
  /** Sent as `Authorization: Bearer` on every MLflow call (the tracking server's token). */
  MLFLOW_TRACKING_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * What of the prompt goes to MLflow: `hash` (default: its SHA-256 and size, no text) or `masked` (also
   * the text as sent to the model, names and contacts masked but symptoms, age and sex in it).
   */
  MLFLOW_LOG_PROMPT: z.enum(['hash', 'masked'], { message: 'must be hash or masked' }).default('hash'),
};

const reportsConfigSchema = z.object(reportsConfigShape);
export type ReportsConfig = z.output<typeof reportsConfigSchema>;

/** The reports slice of the loaded config (provided by ReportsModule). */
export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');

export const reportsConfigKeys = Object.keys(reportsConfigShape);

/** Cross-field rules, run by the boot-time loader. */
export function reportsConfigProblems(config: ReportsConfig & { NODE_ENV: string }): { variable: string; reason: string }[] {
  if (config.MLFLOW_TRACKING_SERVER_ARN && config.MLFLOW_TRACKING_TOKEN) {
    return [
      { variable: 'MLFLOW_TRACKING_TOKEN', reason: 'set either MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_SERVER_ARN (SigV4), not both' },
    ];
  }
  if (config.NODE_ENV === 'production' && config.MLFLOW_TRACKING_URI && new URL(config.MLFLOW_TRACKING_URI).protocol !== 'https:') {
    return [
      { variable: 'MLFLOW_TRACKING_URI', reason: 'must be an https URL when NODE_ENV=production (report metrics leave the cluster)' },
    ];
  }
  return [];
}
