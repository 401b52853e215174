{{- define "phigate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "phigate.fullname" -}}
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

{{- define "phigate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "phigate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "phigate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "phigate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "phigate.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "phigate.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The pipeline config with the chart's mounts wired in. */}}
{{- define "phigate.config" -}}
{{- $c := deepCopy .Values.config }}
{{- range $k := list "source" "sink" "quarantine" }}
{{- if not (get $c $k) }}
{{- fail (printf "config.%s is required (see helm/phigate/ci/*-values.yaml)" $k) }}
{{- end }}
{{- end }}
{{- if .Values.extraPatterns }}
{{- $p := default dict (get $c "patterns") }}
{{- $files := list }}
{{- range $name, $_ := .Values.extraPatterns }}
{{- $files = append $files (printf "/etc/phigate/patterns/%s" $name) }}
{{- end }}
{{- $_ := set $p "extra_files" $files }}
{{- $_ := set $c "patterns" $p }}
{{- end }}
{{- if .Values.policyOverride }}
{{- $pol := default dict (get $c "policy") }}
{{- $_ := set $pol "path" "/etc/phigate/policy/policy.toml" }}
{{- $_ := set $c "policy" $pol }}
{{- end }}
{{- toToml $c }}
{{- end }}

{{- define "phigate.monitoringApi" -}}
{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}true{{ end }}
{{- end }}
