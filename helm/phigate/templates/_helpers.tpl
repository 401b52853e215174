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
{{- if .Values.extraDictionaries }}
{{- $p := default dict (get $c "patterns") }}
{{- $d := default dict (get $p "extra_dictionaries") }}
{{- range $role, $_ := .Values.extraDictionaries }}
{{- $files := default list (get $d $role) }}
{{- $_ := set $d $role (append $files (printf "/etc/phigate/dictionaries/%s.txt" $role)) }}
{{- end }}
{{- $_ := set $p "extra_dictionaries" $d }}
{{- $_ := set $c "patterns" $p }}
{{- end }}
{{- if .Values.policyOverride }}
{{- $pol := default dict (get $c "policy") }}
{{- $_ := set $pol "path" "/etc/phigate/policy/policy.toml" }}
{{- $_ := set $c "policy" $pol }}
{{- end }}
{{- /* workers: one per CPU the pod requests unless the config says (0, "one per core",
  would start a worker for every core of the node in a pod without a CPU limit) */}}
{{- $pl := default dict (get $c "pipeline") }}
{{- if not (hasKey $pl "workers") }}
{{- $_ := set $pl "workers" (include "phigate.requestedCpus" . | atoi) }}
{{- $_ := set $c "pipeline" $pl }}
{{- end }}
{{- toToml $c }}
{{- end }}

{{/* The CPUs the pod requests, rounded up, at least 1: "2", 2, 1.5, "1500m". */}}
{{- define "phigate.requestedCpus" -}}
{{- $cpu := toString (dig "requests" "cpu" "1" (default dict .Values.resources)) }}
{{- $n := 1 }}
{{- if hasSuffix "m" $cpu }}
{{- $n = div (add (atoi (trimSuffix "m" $cpu)) 999) 1000 }}
{{- else }}
{{- $n = int (ceil (float64 $cpu)) }}
{{- end }}
{{- max 1 $n }}
{{- end }}

{{- define "phigate.monitoringApi" -}}
{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}true{{ end }}
{{- end }}
