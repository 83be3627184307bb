{{/*
Expand the name of the chart.
*/}}
{{- define "frontend.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "frontend.fullname" -}}
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
{{- define "frontend.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels
*/}}
{{- define "frontend.labels" -}}
helm.sh/chart: {{ include "frontend.chart" . }}
{{ include "frontend.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: patientinsight
{{- end }}

{{/*
Selector labels
*/}}
{{- define "frontend.selectorLabels" -}}
app.kubernetes.io/name: {{ include "frontend.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Create the name of the service account to use
*/}}
{{- define "frontend.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "frontend.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference: a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "frontend.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/*
Settings the chart owns (ports, writable paths) plus the operator's `config` map, as env strings.
*/}}
{{- define "frontend.settings" -}}
PORT: {{ .Values.containerPorts.http | quote }}
METRICS_PORT: {{ .Values.containerPorts.metrics | quote }}
HOST: "0.0.0.0"
BACKEND_PUBLIC_URL: {{ .Values.backend.publicUrl | quote }}
{{- range $name, $value := .Values.config }}
{{ $name }}: {{ toString $value | quote }}
{{- end }}
{{- end }}

{{/*
Pod security shared by the Deployment and the test Pod.
*/}}
{{- define "frontend.podSecurity" -}}
{{- with .Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Stops with a readable message when settings conflict (called from NOTES.txt and the Deployment).
*/}}
{{- define "frontend.validateValues" -}}
{{- $messages := list -}}
{{- if and .Values.service.loadBalancer.certificateArn (not (hasPrefix "arn:" .Values.service.loadBalancer.certificateArn)) }}
{{- $messages = append $messages "frontend: service.loadBalancer.certificateArn must be an ACM certificate ARN (arn:aws:acm:...)" -}}
{{- end }}
{{- if and .Values.autoscaling.enabled (lt (int .Values.autoscaling.maxReplicas) (int .Values.autoscaling.minReplicas)) }}
{{- $messages = append $messages "frontend: autoscaling.maxReplicas must be >= autoscaling.minReplicas" -}}
{{- end }}
{{- if $messages }}
{{- fail (printf "\n\nVALUES VALIDATION:\n%s" (join "\n" $messages)) }}
{{- end }}
{{- end }}

{{/*
The Service's one port: 443 when the NLB terminates TLS (no plain-HTTP listener is left open on 80;
an NLB cannot redirect), otherwise service.port. In-cluster callers speak plain HTTP to either.
*/}}
{{- define "frontend.servicePort" -}}
{{- if and (eq .Values.service.type "LoadBalancer") .Values.service.loadBalancer.certificateArn -}}
443
{{- else -}}
{{ .Values.service.port }}
{{- end -}}
{{- end }}
