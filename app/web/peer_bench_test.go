package web_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// The shape of a real consultation of the seed's own tool: 120 paragraphs in
// 10 sections, 2,000 comments from 400 authors, 27 % of them replies, skewed
// so that the busiest paragraph has 218 comments and 8 paragraphs none.
const (
	peerParagraphs = 120
	peerSections   = 10
	peerComments   = 2000
	peerAuthors    = 400
	peerBusiest    = 218
	peerSilent     = 8
	peerReplyShare = 0.27
)

// BenchmarkPeerConsultation serves the document page and the busiest
// paragraph page of the peer-shaped consultation to 64 concurrent clients,
// anonymous and signed in, on each engine; each against a static server
// writing the same bytes in the same run.
//
//	go test -run '^$' -bench PeerConsultation ./app/web/
func BenchmarkPeerConsultation(b *testing.B) {
	for _, engine := range testutil.Engines(b) {
		b.Run(engine, func(b *testing.B) {
			a := testutil.NewApp(b, engine, nil)
			f := testutil.Consultation(b, a, testutil.ConsultationOpts{Slug: "peer", Markdown: peerDocument()})
			busiest := seedPeerComments(b, a, f)
			anonymous := loadClient(nil)
			cl := a.Client(b)
			cl.SignIn("Peer Author 0", "peer0@example.org", "citizen")
			signedIn := loadClient(cl.HTTP.Jar)
			pages := []struct{ name, path string }{
				{"doc", "/consultations/peer"},
				{"para", "/consultations/peer/paragraphs/" + busiest},
			}
			n := max(b.N, benchMinRequests)
			b.ResetTimer()
			for _, who := range []struct {
				suffix string
				client *http.Client
			}{{"", anonymous}, {"_signed", signedIn}} {
				for _, pg := range pages {
					static := serveStatic(b, who.client, a.URL+pg.path)
					page := runLoad(b, who.client, a.URL+pg.path, n)
					base := runLoad(b, who.client, static, n)
					name := pg.name + who.suffix
					b.ReportMetric(page.rps, name+"_req/s")
					b.ReportMetric(float64(page.p99.Microseconds())/1000, name+"_p99_ms")
					b.ReportMetric(base.rps, name+"_static_req/s")
					b.ReportMetric(float64(base.p99.Microseconds())/1000, name+"_static_p99_ms")
				}
			}
			b.StopTimer()
		})
	}
}

// loadClient is a client for 64 connections, with the session in jar, or
// none; compression off so that the page and its static copy are the same bytes.
func loadClient(jar http.CookieJar) *http.Client {
	if jar == nil {
		jar, _ = cookiejar.New(nil)
	}
	return &http.Client{Jar: jar, Transport: &http.Transport{
		MaxIdleConns: benchClients, MaxIdleConnsPerHost: benchClients, DisableCompression: true,
	}}
}

// peerDocument is 120 paragraphs of ordinary length in 10 sections.
func peerDocument() string {
	var b strings.Builder
	per := peerParagraphs / peerSections
	for i := range peerParagraphs {
		if i%per == 0 {
			fmt.Fprintf(&b, "## Section %d\n\n", i/per+1)
		}
		fmt.Fprintf(&b, "Paragraph %d: the authority proposes to change how open peer review works for item %d, "+
			"so that reviewers, editors and authors see one another's comments while a submission is considered.\n\n", i+1, i+1)
	}
	return b.String()
}

// peerCounts is how many comments each paragraph gets: a power law over all
// but the last peerSilent paragraphs, scaled so that the first has
// peerBusiest and all of them peerComments.
func peerCounts() []int {
	live := peerParagraphs - peerSilent
	w := make([]float64, live)
	sum := 0.0
	for i := 1; i < live; i++ {
		w[i] = 1 / math.Pow(float64(i+1), 0.8)
		sum += w[i]
	}
	counts := make([]int, peerParagraphs)
	counts[0] = peerBusiest
	left := peerComments - peerBusiest
	given := 0
	for i := 1; i < live; i++ {
		counts[i] = max(1, int(float64(peerComments-peerBusiest)*w[i]/sum))
		given += counts[i]
	}
	for i := 1; given < left; i = i%(live-1) + 1 {
		counts[i]++
		given++
	}
	return counts
}

// seedPeerComments stores the peer-shaped comments, approved and public, and
// returns the busiest paragraph's key.
func seedPeerComments(b testing.TB, a *testutil.TestApp, f *testutil.ConsultationFixture) string {
	b.Helper()
	if len(f.Blocks) != peerParagraphs {
		b.Fatalf("%d blocks, want %d", len(f.Blocks), peerParagraphs)
	}
	authors := make([]int64, peerAuthors)
	for i := range authors {
		authors[i] = testutil.User(b, a, fmt.Sprintf("Peer Author %d", i), fmt.Sprintf("peer%d@example.org", i)).ID
	}
	var top, replies []model.Comment
	k := 0
	comment := func(key string) model.Comment {
		k++
		publish := model.PublishName
		if k%5 == 0 {
			publish = model.PublishAnonymous
		}
		body := fmt.Sprintf("Comment %d. I have reviewed papers for many years and this change would affect how I write my reports.", k)
		if k%3 == 0 {
			body += "\n\nSee https://example.org/peer-review/" + fmt.Sprint(k) + " for what other journals do."
		}
		return model.Comment{ConsultationID: f.ID, VersionID: f.Version.ID, ParagraphKey: key,
			UserID: authors[k%peerAuthors], Body: body, RespondingAs: "individual", Publish: publish,
			Status: model.CommentApproved, SubmissionToken: fmt.Sprintf("peer-%d", k)}
	}
	counts := peerCounts()
	for i, n := range counts {
		nReplies := int(math.Round(float64(n) * peerReplyShare))
		for range n - nReplies {
			top = append(top, comment(f.Blocks[i].Key))
		}
	}
	ctx := context.Background()
	if err := a.Store.SeedComments(ctx, top); err != nil {
		b.Fatal(err)
	}
	first := 0
	for i, n := range counts {
		nReplies := int(math.Round(float64(n) * peerReplyShare))
		parents := top[first : first+n-nReplies]
		for j := range nReplies {
			r := comment(f.Blocks[i].Key)
			r.ParentID = &parents[j%len(parents)].ID
			replies = append(replies, r)
		}
		first += n - nReplies
	}
	if err := a.Store.SeedComments(ctx, replies); err != nil {
		b.Fatal(err)
	}
	return f.Blocks[0].Key
}
