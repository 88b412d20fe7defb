{{/*
Name of the chart, or nameOverride.
*/}}
{{- define "legerible.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every object name: "<release>-<chart>", or just the release name when it already
contains the chart name, or fullnameOverride.
*/}}
{{- define "legerible.fullname" -}}
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
Name of the operator's objects (Deployment, ConfigMap, Service, RBAC).
*/}}
{{- define "legerible.operatorName" -}}
{{- printf "%s-operator" (include "legerible.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
"name-version" of the chart, for the helm.sh/chart label.
*/}}
{{- define "legerible.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels that select the operator's pods; never change them (Deployment selectors are immutable).
*/}}
{{- define "legerible.selectorLabels" -}}
app.kubernetes.io/name: {{ include "legerible.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{/*
Labels of every object of the chart.
*/}}
{{- define "legerible.labels" -}}
{{ include "legerible.commonLabels" . }}
{{ include "legerible.selectorLabels" . }}
{{- end }}

{{/*
Labels of every object of the chart that is not part of the operator itself (the default library).
*/}}
{{- define "legerible.commonLabels" -}}
helm.sh/chart: {{ include "legerible.chart" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: legerible
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The operator's ServiceAccount.
*/}}
{{- define "legerible.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "legerible.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The operator image: repository:tag, the tag defaulting to the chart's appVersion. A tag that
already pins a digest ("tag@sha256:...") is used as given.
*/}}
{{- define "legerible.operatorImage" -}}
{{- printf "%s:%s" .Values.operator.image.repository (default .Chart.AppVersion .Values.operator.image.tag) }}
{{- end }}

{{/*
Namespaces the operator watches, comma-separated; empty for every namespace.
*/}}
{{- define "legerible.watchNamespaces" -}}
{{- join "," .Values.watchNamespaces }}
{{- end }}

{{/*
Whether the operator watches every namespace: "true" or "".
*/}}
{{- define "legerible.clusterWide" -}}
{{- if empty .Values.watchNamespaces }}true{{ end }}
{{- end }}

{{/*
The rules the operator needs in every namespace it reconciles libraries in. Exactly what it
manages: its custom resource and status, the objects it creates (and only the verbs it uses on
them), the pods it observes, Events; plus everything the Spark Role it creates grants, because
Kubernetes only lets it grant permissions it holds itself (no "escalate" or "bind").
*/}}
{{- define "legerible.operatorRules" -}}
- apiGroups: ["legerible.io"]
  resources: ["legeriblelibraries"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["legerible.io"]
  resources: ["legeriblelibraries/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["legerible.io"]
  resources: ["legeriblelibraries/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets", "serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# Also what the Spark drivers' Role grants (executor pods, their services and configmaps).
- apiGroups: [""]
  resources: ["pods", "services", "configmaps", "persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete", "deletecollection"]
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
# nodetool in a Cassandra pod (JMX listens on its loopback only): decommission, cleanup, netstats.
- apiGroups: [""]
  resources: ["pods/exec"]
  verbs: ["create", "get"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["apps"]
  resources: ["statefulsets", "deployments"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs", "cronjobs"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# Also what the Spark drivers' Role grants: Spark 4 guards each driver with a NetworkPolicy.
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
{{- end }}

{{/*
The cluster-scoped rules the operator needs whatever namespaces it watches: reading the
StorageClass of a claim that storage.size asks to grow, to learn whether it allows volume
expansion. A namespaced Role cannot grant cluster-scoped objects, so these go in a ClusterRole of
their own in every install.
*/}}
{{- define "legerible.storageClassRules" -}}
- apiGroups: ["storage.k8s.io"]
  resources: ["storageclasses"]
  verbs: ["get"]
{{- end }}
