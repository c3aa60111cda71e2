{{- define "simmixmatch.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "simmixmatch.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "simmixmatch.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "simmixmatch.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "simmixmatch.selectorLabels" -}}
app.kubernetes.io/name: {{ include "simmixmatch.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "simmixmatch.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "simmixmatch.workerImage" -}}
{{- printf "%s:%s" (default .Values.image.repository .Values.worker.image.repository) (default (default .Chart.AppVersion .Values.image.tag) .Values.worker.image.tag) -}}
{{- end -}}

{{- define "simmixmatch.databaseSecret" -}}
{{- default (printf "%s-database" (include "simmixmatch.fullname" .)) .Values.database.existingSecret -}}
{{- end -}}

{{/* Who may call the API: the same settings on every pod that serves HTTP. */}}
{{- define "simmixmatch.authEnv" -}}
- name: SIMMIXMATCH_SECURITY_MODE
  value: {{ .Values.auth.mode | quote }}
{{- if .Values.auth.adminKeySecret }}
- name: SIMMIXMATCH_SECURITY_ADMIN_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.auth.adminKeySecret }}
      key: {{ .Values.auth.adminKeyKey }}
{{- end }}
{{- if .Values.auth.issuerUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI
  value: {{ .Values.auth.issuerUri | quote }}
{{- end }}
{{- end -}}

{{/* The bucket's credentials, where they come from a Secret. */}}
{{- define "simmixmatch.storageEnv" -}}
{{- if and (eq .Values.storage.type "s3") .Values.storage.s3.existingSecret }}
- name: SIMMIXMATCH_STORAGE_S3_ACCESSKEYID
  valueFrom:
    secretKeyRef:
      name: {{ .Values.storage.s3.existingSecret }}
      key: {{ .Values.storage.s3.accessKeyIdKey }}
- name: SIMMIXMATCH_STORAGE_S3_SECRETACCESSKEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.storage.s3.existingSecret }}
      key: {{ .Values.storage.s3.secretAccessKeyKey }}
{{- end }}
{{- end -}}

{{/* Prometheus presents an API key where authentication is on. */}}
{{- define "simmixmatch.scrapeAuthorization" -}}
{{- with .Values.serviceMonitor.apiKeySecret }}
authorization:
  type: Bearer
  credentials:
    name: {{ .name }}
    key: {{ .key }}
{{- end }}
{{- end -}}
