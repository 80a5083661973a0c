package web

import (
	"strings"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// Words says what an audit entry recorded, in the reader's language, built
// from the values stored before and after the change.
func (p auditPage) Words(e model.AuditEntry) string {
	var out []string
	for _, ph := range consult.DescribeAudit(e.Action, e.Before, e.After) {
		args := make([]any, len(ph.Args))
		for i, a := range ph.Args {
			args[i] = p.auditArg(a)
		}
		out = append(out, p.T(ph.Key, args...))
	}
	return strings.Join(out, " ")
}

// auditArg is one argument of a phrase: translated when it is a key, the key's
// last part in words when the catalogue lacks it (a field added later).
func (p auditPage) auditArg(a consult.Arg) string {
	switch {
	case a.Keys != nil:
		names := make([]string, len(a.Keys))
		for i, k := range a.Keys {
			names[i] = p.auditArg(consult.Arg{Key: k})
		}
		return strings.Join(names, ", ")
	case a.Key != "":
		if p.cat.Has(a.Key) {
			return p.T(a.Key)
		}
		return strings.ReplaceAll(a.Key[strings.LastIndex(a.Key, ".")+1:], "_", " ")
	}
	return a.Text
}
