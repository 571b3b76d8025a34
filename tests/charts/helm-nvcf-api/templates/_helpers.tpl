{{- define "nvcf-api.fullname" -}}
{{- if .Values.api.fullnameOverride -}}
{{- .Values.api.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "nvcf-api.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "nvcf-api.labels" -}}
{{ include "nvcf-api.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "nvcf-api.image" -}}
{{- $image := .Values.api.image -}}
{{- $registry := required "api.image.registry is required" $image.registry -}}
{{- $repository := required "api.image.repository is required" $image.repository -}}
{{- printf "%s/%s:%s" $registry $repository ($image.tag | toString) -}}
{{- end -}}
