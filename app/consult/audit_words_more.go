package consult

import "strings"

// describeMore puts in words the actions of second factors, held roles,
// themes, attachments, translations and retention, reporting whether it knew
// the action.
func describeMore(action string, before, after map[string]any) ([]Phrase, bool) {
	p := func(k string, args ...Arg) []Phrase { return []Phrase{{Key: k, Args: args}} }
	switch action {
	case "user.factor.add":
		out := p("auditlog.factor.add", key("auditlog.factor.kind."+str(after, "kind")))
		if str(after, "kind") == "passkey" && str(after, "name") != "" {
			out = append(out, Phrase{Key: "auditlog.factor.name", Args: []Arg{text(str(after, "name"))}})
		}
		return out, true
	case "user.factor.remove":
		return p("auditlog.factor.remove"), true
	case "user.factor.recovery":
		return p("auditlog.factor.recovery"), true
	case "user.factor.recovery.used":
		return p("auditlog.factor.recovery.used"), true
	case "user.role.held":
		return p("auditlog.role.held", key("auditlog.role."+str(after, "role")), key("mfa.confirm.reason."+str(after, "why"))), true
	case "user.role.confirmation":
		return p("auditlog.role.confirmation."+str(after, "decision"), key("auditlog.role."+str(before, "role"))), true
	case "user.rekey":
		return p("auditlog.rekey", text(str(before, "subject")), text(str(after, "subject"))), true
	case "user.name":
		return p("auditlog.name", text(str(before, "name")), text(str(after, "name"))), true
	case "theme.create":
		return p("auditlog.theme.create", text(str(after, "name"))), true
	case "comment.themes":
		if themes := list(after, "themes"); themes != "" {
			return p("auditlog.comment.themes", text(themes)), true
		}
		return p("auditlog.comment.themes.none"), true
	case "comments.tag":
		return p("auditlog.comments.tag", text(str(after, "theme")), text(list(after, "comments"))), true
	case "comment.note":
		return p("auditlog.comment.note", text(str(after, "text"))), true
	case "suggestion.accept", "suggestion.dismiss":
		return p("auditlog."+action, text(str(after, "theme"))), true
	case "attachment.add":
		return p("auditlog.attachment.add", text(str(after, "title")), text(str(after, "file"))), true
	case "attachment.remove":
		return p("auditlog.attachment.remove"), true
	case "image.upload":
		return p("auditlog.image.upload", text(str(after, "name"))), true
	case "translation.publish":
		return p("auditlog.translation.publish", key("auditlog.language."+str(after, "language"))), true
	case "retention.erase":
		return p("auditlog.retention.erase", text(str(after, "people")), text(str(after, "comments")),
			text(str(after, "answers")), text(str(after, "flags"))), true
	}
	return nil, false
}

// list is a stored list field as text, its items separated by commas.
func list(m map[string]any, k string) string {
	items, _ := m[k].([]any)
	out := make([]string, len(items))
	for i, v := range items {
		out[i] = str(map[string]any{"v": v}, "v")
	}
	return strings.Join(out, ", ")
}
