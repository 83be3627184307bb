{{/*
NetworkPolicy helpers, the same file in every PatientInsight chart (a test keeps the copies identical).

patientinsight.ipBlock: an ipBlock peer for one CIDR that never reaches the instance metadata service.
When the CIDR contains 169.254.169.254 (IPv4) or fd00:ec2::254 (IPv6), that address goes into `except`,
so a broad rule (0.0.0.0/0 for an internet API) cannot hand a pod the node's IAM credentials. A CIDR
that is the metadata address itself is refused. Containment is computed here because Kubernetes refuses
an `except` outside its CIDR.
*/}}
{{- define "patientinsight.ipBlock" -}}
{{- $cidr := . -}}
{{- $parts := splitList "/" $cidr -}}
{{- $addr := index $parts 0 -}}
{{- $len := int (index $parts 1) -}}
{{- $except := "" -}}
{{- if contains ":" $addr -}}
{{- /* IPv6: expand "::" into zero groups, read each group as hex, compare the first $len bits. */ -}}
{{- $halves := splitList "::" (lower $addr) -}}
{{- $head := list -}}
{{- if (index $halves 0) }}{{ $head = splitList ":" (index $halves 0) }}{{ end -}}
{{- $tail := list -}}
{{- if and (gt (len $halves) 1) (index $halves 1) }}{{ $tail = splitList ":" (index $halves 1) }}{{ end -}}
{{- $groups := $head -}}
{{- range until (int (sub 8 (add (len $head) (len $tail)))) }}{{ $groups = append $groups "0" }}{{ end -}}
{{- $groups = concat $groups $tail -}}
{{- $hex := dict "0" 0 "1" 1 "2" 2 "3" 3 "4" 4 "5" 5 "6" 6 "7" 7 "8" 8 "9" 9 "a" 10 "b" 11 "c" 12 "d" 13 "e" 14 "f" 15 -}}
{{- $metadata := list 64768 3778 0 0 0 0 0 596 -}}{{- /* fd00:ec2::254 */ -}}
{{- $inside := true -}}
{{- range $i, $group := $groups -}}
{{- $value := 0 -}}
{{- range $c := splitList "" $group }}{{ $value = add (mul $value 16) (get $hex $c) }}{{ end -}}
{{- $bits := int (max 0 (min 16 (sub $len (mul 16 $i)))) -}}
{{- if gt $bits 0 -}}
{{- $unit := 1 -}}
{{- range until (int (sub 16 $bits)) }}{{ $unit = mul $unit 2 }}{{ end -}}
{{- if ne (div $value $unit) (div (index $metadata $i) $unit) }}{{ $inside = false }}{{ end -}}
{{- end -}}
{{- end -}}
{{- if $inside -}}
{{- if eq $len 128 }}{{ fail (printf "networkPolicy: %s is the instance metadata address; pods must not reach it" $cidr) }}{{ end -}}
{{- $except = "fd00:ec2::254/128" -}}
{{- end -}}
{{- else -}}
{{- $o := splitList "." $addr -}}
{{- $ip := add (mul (int (index $o 0)) 16777216) (mul (int (index $o 1)) 65536) (mul (int (index $o 2)) 256) (int (index $o 3)) -}}
{{- $metadata := 2852039166 -}}{{- /* 169.254.169.254 */ -}}
{{- $unit := 1 -}}
{{- range until (int (sub 32 $len)) }}{{ $unit = mul $unit 2 }}{{ end -}}
{{- if eq (div $ip $unit) (div $metadata $unit) -}}
{{- if eq $len 32 }}{{ fail (printf "networkPolicy: %s is the instance metadata address; pods must not reach it" $cidr) }}{{ end -}}
{{- $except = "169.254.169.254/32" -}}
{{- end -}}
{{- end -}}
ipBlock:
  cidr: {{ $cidr }}
  {{- if $except }}
  except:
    - {{ $except }}
  {{- end }}
{{- end }}

{{/*
patientinsight.egressRules: the egress rules every chart shares, from networkPolicy.egress: DNS to the
cluster resolver, the database by CIDR and port (when given), and each extra destination by CIDR and
TCP ports. Nothing else leaves the pod.
*/}}
{{- define "patientinsight.egressRules" -}}
{{- $egress := .Values.networkPolicy.egress -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ $egress.dns.namespace }}
      podSelector:
        matchLabels:
          {{- toYaml $egress.dns.podLabels | nindent 10 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- with $egress.database }}
{{- if .cidrs }}
- to:
    {{- range .cidrs }}
    - {{ include "patientinsight.ipBlock" . | nindent 6 | trim }}
    {{- end }}
  ports:
    - port: {{ .port }}
      protocol: TCP
{{- end }}
{{- end }}
{{- range $egress.cidrs }}
- to:
    - {{ include "patientinsight.ipBlock" .cidr | nindent 6 | trim }}
  ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
{{- end }}
{{- end }}
