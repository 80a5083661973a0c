package browser

import (
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 (npm axe-core, MPL-2.0), kept beside the code
// because go:embed cannot reach a parent directory.
//
//go:embed axe.min.js
var axeSource string

// axeRun runs axe on the whole page against WCAG 2.0, 2.1 and 2.2 A and AA, the
// level the service must meet, and returns only what a failure message needs.
const axeRun = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}
}).then(r => r.violations.map(v => ({
  id: v.id,
  impact: v.impact || '',
  help: v.help,
  helpUrl: v.helpUrl,
  targets: v.nodes.map(n => n.target.flat(Infinity).join(' '))
})))`

// maxTargets caps the selectors listed per violation to keep failures readable.
const maxTargets = 3

// Violation is one axe rule that the current page breaks.
type Violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"`
}

// String gives the rule, its impact, its help text and the first few elements.
func (v Violation) String() string {
	targets := v.Targets
	more := ""
	if len(targets) > maxTargets {
		more = fmt.Sprintf(" and %d more", len(targets)-maxTargets)
		targets = targets[:maxTargets]
	}
	return fmt.Sprintf("%s (%s): %s; %s%s <%s>", v.ID, v.Impact, v.Help,
		strings.Join(targets, ", "), more, v.HelpURL)
}

// Violations injects axe into the current page, unless it is there already,
// and returns the WCAG A and AA rules the page breaks.
func (b *Browser) Violations() ([]Violation, error) {
	inject := `if (typeof axe === "undefined") {` + axeSource + "\n}\ntrue"
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](inject)); err != nil {
		return nil, fmt.Errorf("inject axe: %w", err)
	}
	violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]Violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe: %w", err)
	}
	return violations, nil
}

// CheckAccessibility fails the test when the current page breaks a WCAG 2.2
// A or AA rule that axe can detect, listing every violation.
func (b *Browser) CheckAccessibility(t testing.TB) {
	t.Helper()
	violations, err := b.Violations()
	if err != nil {
		t.Fatalf("browser: %s", b.describe(err))
	}
	if len(violations) == 0 {
		return
	}
	lines := make([]string, len(violations))
	for i, v := range violations {
		lines[i] = "  " + v.String()
	}
	t.Fatalf("accessibility: %d axe violation(s) on this page:\n%s", len(violations), strings.Join(lines, "\n"))
}
