{{/* Names, labels and the checks every template shares. */}}

{{- define "gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "gateway.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "gateway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: gateway
{{- end -}}

{{- define "gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "gateway.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Whole seconds of a duration value: an integer, or "90s", "2m", "1m30s" (the schema allows only these).
*/}}
{{- define "gateway.seconds" -}}
{{- $value := toString . -}}
{{- if regexMatch "^[0-9]+$" $value -}}
{{- $value -}}
{{- else -}}
{{- $minutes := regexFind "^[0-9]+m" $value | trimSuffix "m" | default "0" | atoi -}}
{{- $seconds := regexFind "[0-9]+s$" $value | trimSuffix "s" | default "0" | atoi -}}
{{- add (mul $minutes 60) $seconds -}}
{{- end -}}
{{- end -}}

{{/*
The drain must end before the kubelet's SIGKILL:
terminationGracePeriodSeconds ≥ preStopSleepSeconds + shutdown.preDrainWait + shutdown.timeout + shutdown.slack.
*/}}
{{- define "gateway.checkDrainMath" -}}
{{- $wait := include "gateway.seconds" .Values.shutdown.preDrainWait | atoi -}}
{{- $timeout := include "gateway.seconds" .Values.shutdown.timeout | atoi -}}
{{- $slack := include "gateway.seconds" .Values.shutdown.slack | atoi -}}
{{- $preStop := int .Values.shutdown.preStopSleepSeconds -}}
{{- $needed := add $preStop $wait $timeout $slack -}}
{{- $grace := int .Values.terminationGracePeriodSeconds -}}
{{- if lt $grace $needed -}}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be ≥ shutdown.preStopSleepSeconds (%d) + shutdown.preDrainWait (%ds) + shutdown.timeout (%ds) + shutdown.slack (%ds) = %d, or Kubernetes kills the pod mid-drain: raise terminationGracePeriodSeconds or lower the drain values" $grace $preStop $wait $timeout $slack $needed) -}}
{{- end -}}
{{- end -}}
