package consult

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Phrase is one sentence of an audit entry in words: a message key of the
// catalogue and its arguments, each either plain text or a key to translate.
type Phrase struct {
	Key  string
	Args []Arg
}

// Arg is one argument of a Phrase: Key, when set, is looked up in the
// catalogue; Keys are looked up and listed; otherwise Text is shown as it is.
type Arg struct {
	Text, Key string
	Keys      []string
}

func text(s string) Arg { return Arg{Text: s} }
func key(k string) Arg  { return Arg{Key: k} }

// DescribeAudit turns a stored audit entry into sentences for the audit log
// page, from the values kept before and after the change, so that a reader sees
// "Role changed from citizen to moderator" rather than JSON. An action it does
// not know still reads as words: its name and the fields that changed.
func DescribeAudit(action, beforeJSON, afterJSON string) []Phrase {
	before, after := decodeAudit(beforeJSON), decodeAudit(afterJSON)
	p := func(k string, args ...Arg) []Phrase { return []Phrase{{Key: k, Args: args}} }
	switch action {
	case "user.role":
		out := p("auditlog.role", key("auditlog.role."+str(before, "role")), key("auditlog.role."+str(after, "role")))
		if str(after, "why") != "" {
			out = append(out, Phrase{Key: "auditlog.role.verified"})
		}
		return out
	case "user.block":
		return p("auditlog.block", text(str(after, "reason")))
	case "user.unblock":
		return p("auditlog.unblock")
	case "account.delete":
		return p("auditlog.account.delete")
	case "consultation.create":
		return p("auditlog.consultation.create", text(str(after, "title")))
	case "consultation.update":
		return changedFields("auditlog.consultation.update", before, after)
	case "consultation.close":
		return p("auditlog.consultation.close")
	case "consultation.outcome":
		return p("auditlog.consultation.outcome")
	case "draft.save":
		return p("auditlog.draft.save")
	case "outcome.draft":
		return p("outcome.audit.draft")
	case "response.offline":
		return p("offline.audit.entered", key("offline.channel."+str(after, "channel")), text(str(after, "respondent_name")), text(str(after, "received")))
	case "version.publish":
		return p("auditlog.version.publish", text(str(after, "version")))
	case "comments.reattach":
		return p("reattach.audit", text(str(after, "paragraph")), text(str(after, "count")))
	case AuditDownloadCSV, AuditDownloadPDF, AuditDownloadDOCX, AuditDownloadAnswers:
		out := p("auditlog."+action, text(str(after, "title")))
		return append(out, filters(after)...)
	case AuditDownloadAudit:
		return append(p("auditlog."+action), filters(after)...)
	case AuditExportCLI:
		return p("auditlog.export.cli", key("auditlog.export.kind."+str(after, "kind")), text(str(after, "title")), text(str(after, "by")))
	}
	if out, ok := describeMore(action, before, after); ok {
		return out
	}
	if strings.HasPrefix(action, "comment.") {
		out := p("auditlog.comment", key("reports.status."+str(before, "status")), key("reports.status."+str(after, "status")))
		if r := str(after, "moderation_reason"); r != "" && str(after, "status") == "rejected" {
			out = append(out, Phrase{Key: "auditlog.comment.reason", Args: []Arg{text(r)}})
		}
		return out
	}
	out := []Phrase{{Key: "auditlog.other", Args: []Arg{text(action)}}}
	return append(out, changedFields("auditlog.changed", before, after)...)
}

// decodeAudit reads a stored JSON object; anything else reads as empty.
func decodeAudit(s string) map[string]any {
	m := map[string]any{}
	if s != "" {
		_ = json.Unmarshal([]byte(s), &m)
	}
	return m
}

// str is a field of a stored object as text: numbers without a decimal point.
func str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return fmt.Sprint(int64(v))
	default:
		return fmt.Sprint(v)
	}
}

// changedFields names the fields whose values differ, each through its key.
func changedFields(msg string, before, after map[string]any) []Phrase {
	var names []string
	for k, v := range after {
		if b, ok := before[k]; !ok || fmt.Sprint(b) != fmt.Sprint(v) {
			names = append(names, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return []Phrase{{Key: msg + ".none"}}
	}
	var keys []string
	for _, n := range names {
		keys = append(keys, "auditlog.field."+n)
	}
	return []Phrase{{Key: msg, Args: []Arg{{Keys: keys}}}}
}

// filters are the sentence saying which rows a download held, when it was
// filtered: a status and dates.
func filters(after map[string]any) []Phrase {
	var out []Phrase
	if s := str(after, "status"); s != "" {
		out = append(out, Phrase{Key: "auditlog.filter.status", Args: []Arg{key("reports.status." + s)}})
	}
	if s := str(after, "from"); s != "" {
		out = append(out, Phrase{Key: "auditlog.filter.from", Args: []Arg{text(s)}})
	}
	if s := str(after, "to"); s != "" {
		out = append(out, Phrase{Key: "auditlog.filter.to", Args: []Arg{text(s)}})
	}
	return out
}
