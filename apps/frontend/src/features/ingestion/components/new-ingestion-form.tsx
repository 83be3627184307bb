import { createIngestionRequestSchema, ingestionFormatSchema } from '@patientinsight/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, Button, ProgressBar, SelectField, TextField } from '../../../components/ui';
import { type FieldErrors, serverErrors, validate } from '../../../lib/form';
import { startFromUri, type UploadProgress, uploadCaseFile } from '../api/ingestion';
import { formatDuration, uploadProgress } from './progress-math';

const FORMATS = [
  { value: '', label: 'Detect from the file name' },
  ...ingestionFormatSchema.options.map((f) => ({ value: f, label: f.toUpperCase() })),
];

/** Start an ingestion from an uploaded file or from an S3 / local URI. */
export function NewIngestionForm({ onStarted }: { onStarted: (jobId: string) => void }) {
  const [mode, setMode] = useState<'upload' | 'uri'>('upload');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const upload = useMutation({
    mutationFn: (input: { file: File; format?: string; textColumn?: string }) => {
      abort.current = new AbortController();
      return uploadCaseFile(input.file, input, setProgress, abort.current.signal);
    },
  });
  const fromUri = useMutation({ mutationFn: startFromUri });
  const busy = upload.isPending || fromUri.isPending;

  const onError = (error: unknown) => {
    if ((error as Error).name === 'AbortError') return setMessage('Upload cancelled.');
    const { fields, message: text } = serverErrors(error);
    setErrors(fields);
    setMessage(text);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    const data = new FormData(event.currentTarget);
    const format = String(data.get('format') ?? '') || undefined;
    const textColumn = String(data.get('textColumn') ?? '').trim() || undefined;
    if (mode === 'upload') {
      const file = fileInput.current?.files?.[0];
      if (!file) return setErrors({ file: 'Choose a CSV, JSON or JSONL file.' });
      setErrors({});
      upload.mutate({ file, format, textColumn }, { onSuccess: (r) => onStarted(r.id), onError });
      return;
    }
    const parsed = validate(createIngestionRequestSchema, {
      sourceUri: String(data.get('sourceUri') ?? '').trim(),
      ...(format ? { format } : {}),
      ...(textColumn ? { columnMapping: { text: textColumn } } : {}),
    });
    setErrors(parsed.errors ?? {});
    if (parsed.data) fromUri.mutate(parsed.data, { onSuccess: (r) => onStarted(r.id), onError });
  };

  const up = progress ? uploadProgress(progress.loaded, progress.total, performance.now() - progress.startedAt) : null;
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby="new-ingestion-title">
      <h2 id="new-ingestion-title">Add cases</h2>
      <SelectField
        label="Source"
        name="mode"
        value={mode}
        onChange={(e) => setMode(e.target.value as 'upload' | 'uri')}
        options={[
          { value: 'upload', label: 'Upload a file from this computer' },
          { value: 'uri', label: 'S3 or server path (URI)' },
        ]}
      />
      {mode === 'upload' ? (
        <TextField
          ref={fileInput}
          label="Case file"
          name="file"
          type="file"
          accept=".csv,.json,.jsonl,text/csv,application/json"
          error={errors.file}
          hint="PMC-Patients CSV (V1 columns) or the V2 JSON / JSONL release."
        />
      ) : (
        <TextField
          label="Source URI"
          name="sourceUri"
          placeholder="s3://bucket/cases.csv"
          error={errors.sourceUri}
          hint="s3://bucket/key, or file:///path inside a folder the embedder allows."
        />
      )}
      <div className="grid" style={{ '--min': '14rem' } as React.CSSProperties}>
        <SelectField label="Format" name="format" options={FORMATS} error={errors.format} />
        <TextField label="Text column (if renamed)" name="textColumn" placeholder="patient" error={errors['columnMapping.text']} />
      </div>
      {message && <Alert tone="danger">{message}</Alert>}
      {upload.isPending && up && progress && (
        <div className="stack" style={{ gap: 'var(--space-2)' }}>
          <ProgressBar value={up.fraction} label="Upload progress" />
          <p className="muted" aria-live="polite">
            Uploading {Math.round(up.fraction * 100)}% · {(up.bytesPerSecond / 1e6).toFixed(1)} MB/s · {formatDuration(up.etaSeconds)} left
          </p>
        </div>
      )}
      <div className="row">
        <Button type="submit" busy={busy}>
          Start ingestion
        </Button>
        {upload.isPending && (
          <Button variant="secondary" onClick={() => abort.current?.abort()}>
            Cancel upload
          </Button>
        )}
      </div>
    </form>
  );
}
