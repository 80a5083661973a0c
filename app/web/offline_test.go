package web_test

import (
	"context"
	"encoding/csv"
	"errors"
	"net/http"
	"net/url"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/export"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// offlineForm is a complete postal response to the block numbered n.
func offlineForm(n, name, body string) url.Values {
	today := time.Now().UTC()
	return url.Values{"paragraph": {n}, "name": {name}, "responding_as": {"individual"}, "channel": {"post"},
		"contact": {"1 Stryd y Bont, Aberystwyth"}, "received-day": {strconv.Itoa(today.Day())},
		"received-month": {strconv.Itoa(int(today.Month()))}, "received-year": {strconv.Itoa(today.Year())},
		"body": {body}, "publish": {"name"}, "reference": {"SCAN-0042"}}
}

// TestOfflineResponseCountedModeratedExportedReported: a moderator enters a
// letter that arrived after the closing date; it is counted, waits in the
// moderation queue, and once approved is in the CSV with channel post and in
// the PDF, with an audit entry naming the moderator. Its account cannot sign in.
func TestOfflineResponseCountedModeratedExportedReported(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		testutil.Unavailable(t, "pdftotext", "install poppler-utils")
	}
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		ctx := context.Background()
		fx := newRptFixture(t, a) // closed: letters posted in time still arrive
		mod := modClient(t, a, "Mared", "moderator")
		home := mod.Get("/admin").Expect(t, http.StatusOK)
		pendingBefore := home.Doc.Find(`[data-consultation="buses"] [data-count="pending"]`).Text()
		if home.Doc.Find(`a[href="/admin/consultations/buses/responses"]`).Length() != 1 {
			t.Error("the admin home page does not link to the offline responses")
		}

		step1 := mod.Get("/admin/consultations/buses/responses/new").Expect(t, http.StatusOK)
		if !strings.Contains(testutil.Text(step1), "arrived after the closing date") {
			t.Error("a closed consultation's form does not say late letters may be entered")
		}
		bad := mod.Get("/admin/consultations/buses/responses/new?paragraph=99").Expect(t, http.StatusUnprocessableEntity)
		if bad.Doc.Find(".govuk-error-summary a[href='#paragraph']").Length() != 1 {
			t.Error("an unknown paragraph number has no error summary entry")
		}
		step2 := mod.Get("/admin/consultations/buses/responses/new?paragraph=2").Expect(t, http.StatusOK)
		if step2.Doc.Find(`form[action="/admin/consultations/buses/responses"] input[name="_csrf"]`).Length() != 1 || step2.Doc.Find("#received").Length() != 1 {
			t.Fatal("step 2 has no form with a date received")
		}
		empty := mod.PostForm("/admin/consultations/buses/responses", url.Values{"paragraph": {"2"}}).Expect(t, http.StatusUnprocessableEntity)
		for _, field := range []string{"name", "channel", "received", "body", "publish"} {
			if empty.Doc.Find(".govuk-error-summary a[href='#"+field+"']").Length() != 1 || empty.Doc.Find("#"+field+"-error").Length() != 1 {
				t.Errorf("no error for %s", field)
			}
		}

		r := mod.PostForm("/admin/consultations/buses/responses", offlineForm("2", "Siân Ŵyn ap Dafydd", "A letter about capped fares for pensioners."))
		r.Expect(t, http.StatusSeeOther)
		list := mod.Follow(r).Expect(t, http.StatusOK)
		row := list.Doc.Find("tr[data-offline]")
		if row.Length() != 1 || !strings.Contains(row.Text(), "1 Stryd y Bont") || !strings.Contains(row.Text(), "Mared") {
			t.Errorf("the list row is %q", row.Text())
		}

		var cm model.Comment
		if err := a.Store.DB.Where("body = ?", "A letter about capped fares for pensioners.").Take(&cm).Error; err != nil {
			t.Fatal(err)
		}
		if cm.Channel != "post" || cm.Status != model.CommentPending || cm.ParagraphKey != fx.keys[1] {
			t.Errorf("stored comment: channel %q status %q key %q", cm.Channel, cm.Status, cm.ParagraphKey)
		}
		author, err := a.Store.User(ctx, cm.UserID)
		if err != nil || !author.Offline() || author.Email != "" || author.ID == fx.users["Siân Ŵyn ap Dafydd"] {
			t.Fatalf("author %+v, %v: want a new offline account", author, err)
		}
		if err := a.Store.CreateSession(ctx, &model.Session{TokenHash: "x", UserID: author.ID, CreatedAt: time.Now(),
			ExpiresAt: time.Now().Add(time.Hour)}); !errors.Is(err, model.ErrForbidden) {
			t.Errorf("a session for an offline account: %v", err)
		}
		var audit model.AuditEntry
		if err := a.Store.DB.Where("action = ?", "response.offline").Take(&audit).Error; err != nil {
			t.Fatal(err)
		}
		if audit.ActorID == nil || *audit.ActorID != accountID(t, a, "mared@example.test") ||
			!strings.Contains(audit.After, "Mared") || strings.Contains(audit.After, "Stryd y Bont") {
			t.Errorf("audit entry %+v", audit)
		}

		home = mod.Get("/admin").Expect(t, http.StatusOK)
		before, _ := strconv.Atoi(strings.Fields(pendingBefore)[0])
		if got := home.Doc.Find(`[data-consultation="buses"] [data-count="pending"]`).Text(); !strings.HasPrefix(got, strconv.Itoa(before+1)) {
			t.Errorf("pending count %q, was %q", got, pendingBefore)
		}
		queue := mod.Get("/admin/moderation?consultation=buses").Expect(t, http.StatusOK)
		seen, ok := queue.Doc.Find(`input[name="seen_` + itoa(cm.ID) + `"]`).Attr("value")
		if !ok {
			t.Fatal("the postal response is not in the moderation queue")
		}
		mod.PostForm("/admin/moderation/decide", url.Values{"approve_one": {itoa(cm.ID)}, "seen_" + itoa(cm.ID): {seen},
			"return": {"/admin/moderation"}}).Expect(t, http.StatusSeeOther)

		analyst := rptSignIn(t, a, "analyst")
		_, recs := rptCSV(t, analyst, "")
		channel := slices.Index(export.CSVHeader, "channel")
		found := false
		for _, rec := range recs {
			if rec[slices.Index(export.CSVHeader, "comment_id")] == itoa(cm.ID) {
				found = rec[channel] == "post"
			} else if rec[channel] != "online" {
				t.Errorf("comment %s has channel %q", rec[5], rec[channel])
			}
		}
		if !found {
			t.Error("the CSV has no row with channel post for the letter")
		}
		analyst.PostForm("/admin/consultations/buses/reports", url.Values{"kind": {"pdf"}}).Expect(t, http.StatusSeeOther)
		if ran, err := a.App.Jobs.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("RunOnce = %v, %v", ran, err)
		}
		pdf := analyst.Get("/admin/consultations/buses/report.pdf").Expect(t, http.StatusOK)
		if text := rptPDFText(t, pdftotext, []byte(pdf.Body)); !strings.Contains(text, "A letter about capped fares for pensioners.") {
			t.Error("the PDF lacks the postal response")
		}
		public := a.Client(t).Get("/consultations/buses/paragraphs/"+fx.keys[1]).Expect(t, http.StatusOK)
		if !strings.Contains(testutil.Text(public), "capped fares for pensioners") || strings.Contains(public.Body, "Stryd y Bont") {
			t.Error("the paragraph page should show the letter but never its author's contact")
		}
		if got := public.Doc.Find(".pc-channel").Text(); got != "Received by post" {
			t.Errorf("the letter is marked %q, want Received by post, so it is not taken for an online comment", got)
		}
	})
}

// TestOfflineAnswerToQuestion: a response to a question entered from a form
// sent by post counts as an answer, with channel post in answers.csv, and a
// further response from the same person joins their record.
func TestOfflineAnswerToQuestion(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_LANGUAGES": "en,cy"})
		md := "# Plan\n\nA paragraph.\n\n```question\nDo you agree?\n- Agree\n- Disagree\n```\n"
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "holi", Markdown: md, Moderation: model.PostModeration})
		admin := modClient(t, a, "Ada", "admin")
		step2 := admin.Get("/admin/consultations/holi/responses/new?paragraph=2").Expect(t, http.StatusOK)
		if step2.Doc.Find(`input[name="choice"][value="Agree"]`).Length() != 1 {
			t.Fatal("the question's options are not offered")
		}
		form := offlineForm("2", "Gwyn Post", "Because of the buses.")
		form.Set("choice", "Nonsense")
		admin.PostForm("/admin/consultations/holi/responses", form).Expect(t, http.StatusUnprocessableEntity)
		form.Set("choice", "Agree")
		r := admin.PostForm("/admin/consultations/holi/responses", form).Expect(t, http.StatusSeeOther)
		id := strings.TrimPrefix(r.Header.Get("Location"), "/admin/consultations/holi/responses?entered=")
		more := offlineForm("1", "", "And about the first paragraph.")
		more.Set("respondent", id)
		admin.PostForm("/admin/consultations/holi/responses", more).Expect(t, http.StatusSeeOther)
		var n int64
		a.Store.DB.Model(&model.Comment{}).Where("user_id = ? AND channel = 'post' AND status = 'approved'", id).Count(&n)
		if n != 2 {
			t.Errorf("%d approved postal comments for the respondent, want 2", n)
		}
		// Naming a real person's account as the respondent is refused.
		citizen := testutil.User(t, a, "Real Person", "real@example.test")
		more.Set("respondent", itoa(citizen.ID))
		admin.PostForm("/admin/consultations/holi/responses", more).Expect(t, http.StatusUnprocessableEntity)

		if got := admin.Get("/admin/audit").Expect(t, http.StatusOK); !strings.Contains(testutil.Text(got), "Response entered for Gwyn Post: By post, received on") {
			t.Errorf("the audit log does not describe the entry: %.600s", testutil.Text(got))
		}
		cy := admin.Get("/admin/consultations/holi/responses/new?paragraph=2&lang=cy").Expect(t, http.StatusOK)
		if lang, _ := cy.Doc.Find("html").Attr("lang"); lang != "cy" || !strings.Contains(testutil.Text(cy), "Sut daeth yr ymateb i law?") {
			t.Errorf("the form in Welsh: lang %q", lang)
		}
		admin.Get("/admin/consultations/holi/responses?lang=cy").Expect(t, http.StatusOK)
		admin.Get("/admin/consultations/holi/outcome?lang=cy").Expect(t, http.StatusOK)
		res := admin.Get("/admin/consultations/holi/answers.csv").Expect(t, http.StatusOK)
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\ufeff"))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("answers.csv: %v, %d rows", err, len(recs))
		}
		if ch := recs[1][slices.Index(recs[0], "channel")]; ch != "post" || !slices.Contains(recs[1], "Agree") {
			t.Errorf("answers.csv row %q", recs[1])
		}
		_ = f
	})
}

// TestOfflineResponseRoles: citizens and analysts may not enter responses,
// through the pages or the service.
func TestOfflineResponseRoles(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		testutil.Consultation(t, a, testutil.ConsultationOpts{Slug: "roles"})
		for _, role := range []string{"citizen", "analyst"} {
			cl := modClient(t, a, "Someone"+role, role)
			cl.Get("/admin/consultations/roles/responses/new").Expect(t, http.StatusForbidden)
			cl.Get("/auth/dev")
			cl.PostForm("/admin/consultations/roles/responses", offlineForm("1", "X", "Y")).Expect(t, http.StatusForbidden)
			u, err := a.Store.UserBySubject(context.Background(), "dev", "someone"+role+"@example.test")
			if err != nil {
				t.Fatal(err)
			}
			_, err = a.Consult.EnterOfflineResponse(context.Background(), u, "roles", consult.OfflineInput{Name: "X", Channel: "post"})
			if !errors.Is(err, model.ErrForbidden) {
				t.Errorf("%s through the service: %v", role, err)
			}
		}
		var n int64
		a.Store.DB.Model(&model.Comment{}).Count(&n)
		if n != 0 {
			t.Errorf("%d comments stored", n)
		}
	})
}
