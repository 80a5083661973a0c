package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

func TestFlags(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, map[string]string{"PILCROW_FLAG_THRESHOLD": "2"})
		roomyLimits(a)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		key := f.Blocks[0].Key
		author := testutil.User(t, a, "Ada Lovelace", "ada.lovelace@example.org")
		cm := seedComment(t, a, f, author, seed{Key: key, Body: "Rude words"})
		flag := "/comments/" + strconv.FormatInt(cm.ID, 10) + "/flag"
		report := func() url.Values { return url.Values{"reason": {"offensive"}, "details": {"Name-calling"}} }

		t.Run("signed out is sent to sign in", func(t *testing.T) {
			r := a.Client(t).Get(flag).Expect(t, http.StatusSeeOther)
			if !strings.HasPrefix(r.Header.Get("Location"), "/auth/sign-in?next=") {
				t.Errorf("Location = %q", r.Header.Get("Location"))
			}
		})
		t.Run("not on one's own comment", func(t *testing.T) {
			own := commenter(t, a, "Ada Lovelace")
			own.Get("/auth/dev")
			own.PostForm(flag, report()).Expect(t, http.StatusForbidden)
		})
		bob := commenter(t, a, "Bob Flagger")
		t.Run("a reason is required", func(t *testing.T) {
			r := bob.Get(flag).Expect(t, http.StatusOK)
			if r.Doc.Find(`input[name="reason"][type="radio"]`).Length() != len(consult.FlagReasons) {
				t.Error("reasons are not offered as radios")
			}
			r = bob.PostForm(flag, url.Values{"reason": {"because"}}).Expect(t, http.StatusUnprocessableEntity)
			if !strings.Contains(r.Doc.Find(".govuk-error-summary").Text(), "Select why") {
				t.Error("no error summary for a missing reason")
			}
		})
		t.Run("once per citizen", func(t *testing.T) {
			bob.Get(flag)
			r := bob.PostForm(flag, report()).Expect(t, http.StatusSeeOther)
			if !strings.Contains(r.Header.Get("Location"), "#comment-") {
				t.Errorf("Location = %q", r.Header.Get("Location"))
			}
			r = bob.PostForm(flag, report()).Expect(t, http.StatusOK)
			if !strings.Contains(testutil.Text(r), "You have reported this comment") {
				t.Errorf("second report: %q", testutil.Text(r))
			}
			c, _ := a.Store.Comment(t.Context(), cm.ID)
			if c.FlagCount != 1 || c.Status != model.CommentApproved {
				t.Errorf("after one report: flags %d status %s", c.FlagCount, c.Status)
			}
		})
		t.Run("the threshold sends it back to moderation", func(t *testing.T) {
			rev := revision(t, a, f.ID)
			carol := commenter(t, a, "Carol Flagger")
			carol.Get(flag)
			carol.PostForm(flag, url.Values{"reason": {"spam"}}).Expect(t, http.StatusSeeOther)
			c, _ := a.Store.Comment(t.Context(), cm.ID)
			if c.FlagCount != 2 || c.Status != model.CommentPending || c.HeldReason != "flagged" {
				t.Errorf("after two reports: flags %d status %s held %q", c.FlagCount, c.Status, c.HeldReason)
			}
			if revision(t, a, f.ID) <= rev {
				t.Error("unpublishing did not bump the revision")
			}
			if strings.Contains(a.Client(t).Get("/consultations/"+f.Slug+"/paragraphs/"+key).Body, "Rude words") {
				t.Error("the comment is still public")
			}
		})
	})
}

func TestRateLimits(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, nil)
		f := testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		key := f.Blocks[0].Key
		a.Consult.Limits = consult.Limits{CommentsPerMinute: 100, CommentsPerHour: 2, CommentsPerAddressMinute: 100,
			FlagsPerHour: 1, FlagsPerAddressMinute: 100}

		cl := commenter(t, a, "Speedy")
		cl.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
		for i := range 2 {
			cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "Comment "+strconv.Itoa(i))).Expect(t, http.StatusSeeOther)
		}
		r := cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "One too many")).Expect(t, http.StatusTooManyRequests)
		retry, err := strconv.Atoi(r.Header.Get("Retry-After"))
		if err != nil || retry < 1 || retry > 3600 {
			t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
		}
		if !strings.Contains(testutil.Text(r), "Wait "+strconv.Itoa(retry)+" seconds") {
			t.Errorf("429 page: %q", testutil.Text(r))
		}

		author := testutil.User(t, a, "Target", "target@example.org")
		c1, c2 := seedComment(t, a, f, author, seed{Key: key}), seedComment(t, a, f, author, seed{Key: key})
		cl.Get("/auth/dev")
		cl.PostForm("/comments/"+strconv.FormatInt(c1.ID, 10)+"/flag", url.Values{"reason": {"spam"}}).Expect(t, http.StatusSeeOther)
		cl.PostForm("/comments/"+strconv.FormatInt(c2.ID, 10)+"/flag", url.Values{"reason": {"spam"}}).Expect(t, http.StatusTooManyRequests)

		// Per address: several accounts from one client address share a limit.
		// Start clear of a minute's end, so the fixed window cannot roll over mid-test.
		if time.Now().Second() > 50 {
			time.Sleep(time.Duration(61-time.Now().Second()) * time.Second)
		}
		a = testutil.NewApp(t, engine, nil)
		f = testutil.Consultation(t, a, testutil.ConsultationOpts{Moderation: model.PostModeration})
		key = f.Blocks[0].Key
		a.Consult.Limits = consult.Limits{CommentsPerMinute: 100, CommentsPerHour: 100, CommentsPerAddressMinute: 3,
			FlagsPerHour: 100, FlagsPerAddressMinute: 100}
		for i, name := range []string{"One", "Two", "Three", "Four"} {
			c := commenter(t, a, "Neighbour "+name)
			c.Get("/consultations/" + f.Slug + "/paragraphs/" + key)
			want := http.StatusSeeOther
			if i == 3 {
				want = http.StatusTooManyRequests
			}
			c.PostForm("/consultations/"+f.Slug+"/comments", validComment(key, "From the same address "+name)).Expect(t, want)
		}
	})
}
