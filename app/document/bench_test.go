package document

import (
	"fmt"
	"strings"
	"testing"
)

// sampleDoc builds a document of n blocks with varied wording; edit changes
// a word in every tenth block and drops one block, as a new version would.
func sampleDoc(n int, edit bool) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%25 == 0 {
			fmt.Fprintf(&b, "## Section %d\n\n", i/25+1)
		}
		if edit && i == n/2 {
			continue
		}
		word := "proposal"
		if edit && i%10 == 0 {
			word = "amended proposal"
		}
		switch i % 5 {
		case 3:
			fmt.Fprintf(&b, "- Item %d of the %s covers area %d and its residents\n\n", i, word, i*7)
		case 4:
			fmt.Fprintf(&b, "> Quoted evidence %d about the %s, from survey %d.\n\n", i, word, i*3)
		default:
			fmt.Fprintf(&b, "Paragraph %d explains the %s in some detail, with figure %d and note %d.\n\n", i, word, i*11, i%13)
		}
	}
	return b.String()
}

func BenchmarkRender300(b *testing.B) {
	old := mustRender(b, sampleDoc(300, false), nil)
	md := sampleDoc(300, true)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Render(md, old.Blocks, RandomKey); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRender1000KeepsKeys rewrites every block of a 1,000-block document a little
// and checks the matching keeps the keys. Its speed is BenchmarkRender300's job:
// tests here never assert time.
func TestRender1000KeepsKeys(t *testing.T) {
	old := mustRender(t, sampleDoc(1000, false), nil)
	rewritten := strings.ReplaceAll(sampleDoc(1000, true), "the", "a")
	d := mustRender(t, rewritten, old.Blocks)
	checkDocument(t, d)
	kept := 0
	for _, b := range d.Blocks {
		if containsKey(old.Blocks, b.Key) {
			kept++
		}
	}
	if kept < 990 {
		t.Errorf("only %d of %d blocks kept their keys", kept, len(d.Blocks))
	}
}
