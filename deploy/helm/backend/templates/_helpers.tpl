{{/*
Expand the name of the chart.
*/}}
{{- define "backend.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "backend.fullname" -}}
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
{{- define "backend.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "backend.labels" -}}
helm.sh/chart: {{ include "backend.chart" . }}
{{ include "backend.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: patientinsight
{{- end }}

{{/*
Selector labels
*/}}
{{- define "backend.selectorLabels" -}}
app.kubernetes.io/name: {{ include "backend.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "backend.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "backend.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "backend.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
The Secret holding credentials: an existing one, or the chart-made one (non-production only).
*/}}
{{- define "backend.secretName" -}}
{{- default (include "backend.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
Environment for the service container and the migration job: settings from the ConfigMap are added
with envFrom; credentials come one by one from the Secret, never from a ConfigMap or values.
*/}}
{{- define "backend.secretEnv" -}}
{{- range $name, $ref := .Values.secrets.env }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "backend.secretName" $ }}
      key: {{ $ref.key }}
      {{- if $ref.optional }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}

{{/*
Settings the chart owns (ports, writable paths) plus the operator's `config` map, as env strings.
*/}}
{{- define "backend.settings" -}}
PORT: {{ .Values.containerPorts.http | quote }}
METRICS_PORT: {{ .Values.containerPorts.metrics | quote }}
HOST: "0.0.0.0"
DATA_DIR: "/data/backend"
MIGRATE_ON_START: {{ ternary "false" "true" .Values.migrations.enabled | quote }}
EMBEDDER_URL: {{ .Values.embedder.url | quote }}
CORS_ORIGINS: {{ join "," .Values.cors.allowedOrigins | quote }}
{{- range $name, $value := .Values.config }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}

{{/*
Pod security and volumes shared by the Deployment, the migration Job and the test Pod.
*/}}
{{- define "backend.podSecurity" -}}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Stops with a readable message when settings conflict (called from NOTES.txt and the Deployment).
*/}}
{{- define "backend.validateValues" -}}
{{- $messages := list -}}
{{- if and .Values.secrets.create .Values.secrets.existingSecret }}
{{- $messages = append $messages "backend: set either secrets.existingSecret or secrets.create, not both" -}}
{{- end }}
{{- if and .Values.service.loadBalancer.certificateArn (not (hasPrefix "arn:" .Values.service.loadBalancer.certificateArn)) }}
{{- $messages = append $messages "backend: service.loadBalancer.certificateArn must be an ACM certificate ARN (arn:aws:acm:...)" -}}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- $messages = append $messages "backend: autoscaling.maxReplicas must be >= autoscaling.minReplicas" -}}
{{- end }}
{{- if and .Values.migrations.enabled (not (hasKey .Values.secrets.env "DATABASE_URL")) }}
{{- $messages = append $messages "backend: migrations.enabled needs DATABASE_URL in secrets.env (PostgreSQL); the embedded database is per pod" -}}
{{- end }}
{{- if $messages }}
{{- fail (printf "\n\nVALUES VALIDATION:\n%s" (join "\n" $messages)) }}
{{- end }}
{{- end }}

{{/*
The Service's one port: 443 when the NLB terminates TLS (no plain-HTTP listener is left open on 80;
an NLB cannot redirect), otherwise service.port. In-cluster callers speak plain HTTP to either.
*/}}
{{- define "backend.servicePort" -}}
{{- if and (eq .Values.service.type "LoadBalancer") .Values.service.loadBalancer.certificateArn -}}
443
{{- else -}}
{{ .Values.service.port }}
{{- end -}}
{{- end }}

{{/*
Labels of the scheduled audit verification's pods (kept off the Deployment's selector).
*/}}
{{- define "backend.auditVerifyLabels" -}}
app.kubernetes.io/name: {{ include "backend.name" . }}-audit-verify
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: audit-verify
app.kubernetes.io/part-of: patientinsight
patientinsight.io/job: "true"
{{- end }}
