package consult_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pilcrow/app/consult"
)

// auditCall finds the action of every Audit call: a literal, or one of the
// names in computedActions.
var auditCall = regexp.MustCompile(`Audit\(ctx, [^,]+, ("[^"]+"|[^,]+),`)

// computedActions are the actions recorded through an expression rather than
// a literal, with the actions each can be.
var computedActions = map[string][]string{
	`"comment."+d.Action`: {"comment.approve", "comment.reject", "comment.restore"},
	`d.Action`: {consult.AuditDownloadCSV, consult.AuditDownloadPDF, consult.AuditDownloadDOCX,
		consult.AuditDownloadAudit, consult.AuditDownloadAnswers, consult.AuditExportCLI},
}

// TestEveryAuditActionHasWords reads the source for every action an Audit
// call records and checks that the audit log puts each in its own words, with
// every sentence in both the English and the Welsh catalogue.
func TestEveryAuditActionHasWords(t *testing.T) {
	actions := map[string]bool{}
	for _, dir := range []string{"../../app", "../../cmd"} {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range auditCall.FindAllStringSubmatch(string(src), -1) {
				if lit, ok := strings.CutPrefix(m[1], `"`); ok {
					actions[strings.TrimSuffix(lit, `"`)] = true
					continue
				}
				names, ok := computedActions[m[1]]
				if !ok {
					t.Errorf("%s: Audit records the action %s, which this test cannot list", path, m[1])
				}
				for _, a := range names {
					actions[a] = true
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(actions) < 30 {
		t.Fatalf("found only %d actions: %v", len(actions), actions)
	}
	en, cy := catalogue(t, "en"), catalogue(t, "cy")
	after := `{"decision":"confirmed","kind":"passkey","name":"Laptop","themes":["Parking"],"status":"approved"}`
	for a := range actions {
		phrases := consult.DescribeAudit(a, `{"status":"pending"}`, after)
		if len(phrases) == 0 || phrases[0].Key == "auditlog.other" {
			t.Errorf("the action %q has no words of its own", a)
			continue
		}
		for _, ph := range phrases {
			if en[ph.Key] == "" || cy[ph.Key] == "" {
				t.Errorf("the action %q reads as %q, which the English or Welsh catalogue lacks", a, ph.Key)
			}
		}
	}
}

// catalogue reads every message file of a language.
func catalogue(t *testing.T, lang string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("../../views/messages", lang, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s messages: %v", lang, err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			if s, ok := v.(string); ok {
				out[k] = s
			} else {
				out[k] = "counted"
			}
		}
	}
	return out
}
