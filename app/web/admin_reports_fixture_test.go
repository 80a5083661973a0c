package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// rptFixture is a published consultation with comments chosen to break a CSV
// writer and to test what a published report may show.
type rptFixture struct {
	c        *model.Consultation
	keys     []string // block keys in document order
	comments []model.Comment
	users    map[string]int64
}

const rptDoc = `# Buses

Bus lanes on the high street should open at seven.

Fares should be capped at two pounds.

# Trains

The station car park should be free on Sundays.
`

// rptDay is when the fixture's comments were sent, one per day from here.
var rptDay = time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)

// rptBodies are the comment bodies: quotes, commas, line breaks and every start
// that a spreadsheet would run as a formula.
var rptBodies = []string{
	`He said "no", then left, twice`,
	"line one\nline two\r\nline three",
	"=HYPERLINK(\"http://evil.example\",\"click\")",
	"+cmd|' /C calc'!A0",
	"-2+3",
	"@SUM(A1:A2)",
	"\tTabbed start",
	"\rCarriage start",
	"   =SUM(1,2) after spaces",
}

func newRptFixture(t *testing.T, a *testutil.TestApp) rptFixture {
	t.Helper()
	ctx := context.Background()
	st := a.App.Store
	opens, closes := rptDay.Add(-48*time.Hour), rptDay.Add(60*24*time.Hour)
	c := &model.Consultation{Slug: "buses", Title: "Buses and trains in Aberystwyth", Organisation: "Cyngor Sir Ceredigion",
		Moderation: model.PreModeration, OpensAt: &opens, ClosesAt: &closes}
	if err := st.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := a.App.Consult.PublishVersion(ctx, c, rptDoc, "", nil); err != nil {
		t.Fatal(err)
	}
	blocks, err := st.Blocks(ctx, *c.CurrentVersionID)
	if err != nil || len(blocks) != 3 {
		t.Fatalf("blocks = %d, %v", len(blocks), err)
	}
	fx := rptFixture{c: c, users: map[string]int64{}}
	for _, b := range blocks {
		fx.keys = append(fx.keys, b.Key)
	}
	for _, name := range []string{"Siân Ŵyn ap Dafydd", "Anne Anonymous", "Nora Nopublish", "Olaf Org"} {
		u := model.User{Provider: "dev", Subject: name, DisplayName: name, Role: model.RoleCitizen,
			CreatedAt: rptDay, UpdatedAt: rptDay}
		if err := st.DB.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
		fx.users[name] = u.ID
	}
	add := func(user, key, body string, status model.CommentStatus, publish model.Publish, stance string, day int) {
		cm := model.Comment{ConsultationID: c.ID, VersionID: *c.CurrentVersionID, ParagraphKey: key,
			UserID: fx.users[user], Body: body, RespondingAs: "individual", Publish: publish, Stance: stance,
			Status: status, SubmissionToken: fmt.Sprint("t", len(fx.comments)),
			CreatedAt: rptDay.Add(time.Duration(day) * 24 * time.Hour), UpdatedAt: rptDay}
		if user == "Olaf Org" {
			cm.RespondingAs, cm.Organisation = "organisation", "Cymdeithas Bysiau Cymru"
		}
		if status == model.CommentApproved || status == model.CommentRejected {
			at := cm.CreatedAt.Add(time.Hour)
			cm.ModeratedAt = &at
		}
		if err := st.DB.Create(&cm).Error; err != nil {
			t.Fatal(err)
		}
		fx.comments = append(fx.comments, cm)
	}
	for i, body := range rptBodies {
		add("Siân Ŵyn ap Dafydd", fx.keys[0], body, model.CommentPending, model.PublishName, "", i%3)
	}
	add("Siân Ŵyn ap Dafydd", fx.keys[1], "Capping fares helps everyone in Penparcau.", model.CommentApproved, model.PublishName, "agree", 3)
	add("Anne Anonymous", fx.keys[1], "Anonymous view on fares.", model.CommentApproved, model.PublishAnonymous, "disagree", 3)
	add("Nora Nopublish", fx.keys[1], "Private view that must stay out of the report.", model.CommentApproved, model.PublishNo, "neutral", 4)
	add("Olaf Org", "", "Our members support the whole plan.", model.CommentApproved, model.PublishName, "", 4)
	add("Olaf Org", fx.keys[2], "Rejected rant.", model.CommentRejected, model.PublishName, "", 5)
	return fx
}

// rptSignIn returns a client signed in with the role, or anonymous for "".
func rptSignIn(t *testing.T, a *testutil.TestApp, role string) *testutil.Client {
	t.Helper()
	c := a.Client(t)
	if role != "" {
		c.SignIn("Tester "+role, role+"@example.org", role)
	}
	return c
}

// rptAdmin creates an admin account for calling services directly.
func rptAdmin(t *testing.T, a *testutil.TestApp) *model.User {
	t.Helper()
	u := &model.User{Provider: "dev", Subject: "rpt-admin", DisplayName: "Admin", Role: model.RoleAdmin,
		CreatedAt: rptDay, UpdatedAt: rptDay}
	if err := a.App.Store.DB.Create(u).Error; err != nil {
		t.Fatal(err)
	}
	return u
}

func mustConsultation(t *testing.T, a *testutil.TestApp, slug string) *model.Consultation {
	t.Helper()
	c, err := a.App.Store.ConsultationBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func itoa(n int64) string { return fmt.Sprint(n) }
