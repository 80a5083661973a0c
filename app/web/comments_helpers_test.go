package web_test

import (
	"context"
	"testing"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
)

// seed stores a comment directly, for tests that need one in a given state.
type seed struct {
	Key     string
	Status  model.CommentStatus
	Publish model.Publish
	Parent  *model.Comment
	Body    string
}

func seedComment(t *testing.T, a *testutil.TestApp, f *testutil.ConsultationFixture, u *model.User, s seed) *model.Comment {
	t.Helper()
	if s.Status == "" {
		s.Status = model.CommentApproved
	}
	if s.Publish == "" {
		s.Publish = model.PublishName
	}
	if s.Body == "" {
		s.Body = "A seeded comment by " + u.DisplayName
	}
	c := &model.Comment{ConsultationID: f.ID, VersionID: f.Version.ID, ParagraphKey: s.Key, UserID: u.ID,
		Body: s.Body, RespondingAs: "individual", Publish: s.Publish, Status: s.Status,
		SubmissionToken: "seed-" + testutil.RandomToken()}
	if s.Parent != nil {
		c.ParentID = &s.Parent.ID
	}
	if _, err := a.Store.InsertComment(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// roomyLimits raises the rate limits, for tests that post more than a person would.
func roomyLimits(a *testutil.TestApp) {
	a.Consult.Limits = consult.Limits{CommentsPerMinute: 10000, CommentsPerHour: 10000,
		CommentsPerAddressMinute: 10000, FlagsPerHour: 10000, FlagsPerAddressMinute: 10000}
}
