{{/*
Expand the name of the chart.
*/}}
{{- define "embedder.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "embedder.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "embedder.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "embedder.labels" -}}
helm.sh/chart: {{ include "embedder.chart" . }}
{{ include "embedder.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: patientinsight
{{- end }}

{{/*
Selector labels
*/}}
{{- define "embedder.selectorLabels" -}}
app.kubernetes.io/name: {{ include "embedder.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "embedder.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "embedder.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "embedder.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
The Secret holding credentials: an existing one, or the chart-made one (non-production only).
*/}}
{{- define "embedder.secretName" -}}
{{- default (include "embedder.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Environment for the service container and the migration job: settings from the ConfigMap are added
with envFrom; credentials come one by one from the Secret, never from a ConfigMap or values.
*/}}
{{- define "embedder.secretEnv" -}}
{{- $pinecone := eq (toString (.Values.config.VECTOR_STORE | default "")) "pinecone" }}
{{- range $name, $ref := .Values.secrets.env }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "embedder.secretName" $ }}
      key: {{ $ref.key }}
      {{- /* With Pinecone the key is required: a missing one stops the pod before it starts, not at boot. */}}
      {{- if and $ref.optional (not (and $pinecone (eq $name "PINECONE_API_KEY"))) }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}

{{/*
Settings the chart owns (ports, writable paths) plus the operator's `config` map, as env strings.
*/}}
{{- define "embedder.settings" -}}
PORT: {{ .Values.containerPorts.http | quote }}
METRICS_PORT: {{ .Values.containerPorts.metrics | quote }}
HOST: "0.0.0.0"
DATA_DIR: "/data/embedder"
MIGRATE_ON_START: {{ ternary "false" "true" .Values.migrations.enabled | quote }}
{{- range $name, $value := .Values.config }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}

{{/*
Pod security and volumes shared by the StatefulSet, the migration Job and the test Pod.
*/}}
{{- define "embedder.podSecurity" -}}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Stops with a readable message when settings conflict (called from NOTES.txt and the StatefulSet).
*/}}
{{- define "embedder.validateValues" -}}
{{- $messages := list -}}
{{- if and .Values.secrets.create .Values.secrets.existingSecret }}
{{- $messages = append $messages "embedder: set either secrets.existingSecret or secrets.create, not both" -}}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- $messages = append $messages "embedder: autoscaling.maxReplicas must be >= autoscaling.minReplicas" -}}
{{- end }}
{{- if and .Values.migrations.enabled (not (hasKey .Values.secrets.env "DATABASE_URL")) }}
{{- $messages = append $messages "embedder: migrations.enabled needs DATABASE_URL in secrets.env (PostgreSQL); the embedded database is per pod" -}}
{{- end }}
{{- if $messages }}
{{- fail (printf "\n\nVALUES VALIDATION:\n%s" (join "\n" $messages)) }}
{{- end }}
{{- end }}
