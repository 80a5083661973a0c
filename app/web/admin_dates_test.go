package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func detailsValues(slug string, dates map[string]string) url.Values {
	v := url.Values{"slug": {slug}, "title": {"Bus lanes"}, "moderation": {"pre"}}
	for k, d := range dates {
		v.Set(k, d)
	}
	return v
}

// TestDateInputs creates and edits a consultation through the GOV.UK date
// inputs, and checks their error messages.
func TestDateInputs(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	c := a.Client(t)
	c.SignIn("Ada Admin", "ada@example.test", "admin")
	form := c.Get("/admin/consultations/new").Expect(t, http.StatusOK)
	for _, id := range []string{"opens", "opens-month", "opens-year", "opens-time", "closes", "closes-month", "closes-year", "closes-time"} {
		if form.Doc.Find("input#"+id).Length() != 1 {
			t.Errorf("no input #%s", id)
		}
	}
	if form.Doc.Find(`input[type="datetime-local"]`).Length() != 0 {
		t.Error("the form still has datetime-local fields")
	}

	bad := map[string]string{"opens-day": "2", "opens-year": "2026", "opens-time": "9:30",
		"closes-day": "1", "closes-month": "3", "closes-year": "2026", "closes-time": "17:00"}
	r := c.PostForm("/admin/consultations", detailsValues("Bad Slug", bad)).Expect(t, http.StatusUnprocessableEntity)
	summary := r.Doc.Find(".govuk-error-summary").Text()
	for _, want := range []string{"Opening date must include a month", "Short name"} {
		if !strings.Contains(summary, want) {
			t.Errorf("error summary lacks %q:\n%s", want, summary)
		}
	}
	if v, _ := r.Doc.Find("#opens-year").Attr("value"); v != "2026" {
		t.Errorf("the year typed was not kept: %q", v)
	}
	bad["opens-month"] = "4"
	r = c.PostForm("/admin/consultations", detailsValues("bus-lanes", bad)).Expect(t, http.StatusUnprocessableEntity)
	if got := r.Doc.Find("#closes-error").Text(); !strings.Contains(got, "The closing date must be after the opening date") {
		t.Errorf("closes error = %q", got)
	}
	if _, err := a.Store.ConsultationBySlug(context.Background(), "bus-lanes"); err == nil {
		t.Fatal("a form with date errors created the consultation")
	}

	good := map[string]string{"opens-day": "2", "opens-month": "3", "opens-year": "2026", "opens-time": "9:30am",
		"closes-day": "27", "closes-month": "4", "closes-year": "2026", "closes-time": "23:59"}
	c.PostForm("/admin/consultations", detailsValues("bus-lanes", good)).Expect(t, http.StatusSeeOther)
	con, err := a.Store.ConsultationBySlug(context.Background(), "bus-lanes")
	if err != nil {
		t.Fatal(err)
	}
	zone := a.Config.TimeZone
	if got := con.OpensAt.In(zone).Format("2006-01-02 15:04"); got != "2026-03-02 09:30" {
		t.Errorf("opens at %s in %s", got, zone)
	}
	if got := con.ClosesAt.In(zone).Format("2006-01-02 15:04"); got != "2026-04-27 23:59" {
		t.Errorf("closes at %s in %s", got, zone)
	}
	edit := c.Get("/admin/consultations/bus-lanes/edit").Expect(t, http.StatusOK)
	for id, want := range map[string]string{"opens": "2", "opens-month": "3", "opens-year": "2026", "opens-time": "09:30", "closes-time": "23:59"} {
		if v, _ := edit.Doc.Find("#" + id).Attr("value"); v != want {
			t.Errorf("edit form #%s = %q, want %q", id, v, want)
		}
	}
}
