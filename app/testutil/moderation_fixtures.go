package testutil

import (
	"context"
	"testing"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// ModerationFixture is an open, published consultation to moderate comments on.
type ModerationFixture struct {
	t            testing.TB
	Store        *store.Store
	Service      *consult.Service
	Consultation *model.Consultation
	Version      *model.DocumentVersion
	Blocks       []model.Block
}

// moderationDocument has three commentable paragraphs.
const moderationDocument = "# Cycling plan\n\nWe will build protected cycle lanes on every main road.\n\n" +
	"Speed limits near schools will fall to 20mph.\n\nParking on pavements will be banned.\n"

// NewModerationFixture creates and publishes an open consultation with the
// moderation mode, through the store and the service (svc may be nil).
func NewModerationFixture(t testing.TB, st *store.Store, svc *consult.Service, slug string, mode model.Moderation) *ModerationFixture {
	t.Helper()
	ctx := context.Background()
	if svc == nil {
		svc = &consult.Service{Store: st, Log: TestLogger(), Now: time.Now, FlagThreshold: 3}
	}
	opens, closes := time.Now().UTC().Add(-24*time.Hour), time.Now().UTC().Add(30*24*time.Hour)
	c := &model.Consultation{Slug: slug, Title: "Plan " + slug, Summary: "A plan.", OpensAt: &opens, ClosesAt: &closes, Moderation: mode}
	if err := st.CreateConsultation(ctx, c); err != nil {
		t.Fatalf("create consultation: %v", err)
	}
	v, err := svc.PublishVersion(ctx, c, moderationDocument, "", nil)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	blocks, err := st.Blocks(ctx, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &ModerationFixture{t: t, Store: st, Service: svc, Consultation: c, Version: v, Blocks: blocks}
}

// Paragraph returns the key of the nth block that is a paragraph (from 0).
func (f *ModerationFixture) Paragraph(n int) model.Block {
	for _, b := range f.Blocks {
		if b.Kind == "paragraph" {
			if n == 0 {
				return b
			}
			n--
		}
	}
	f.t.Fatalf("no paragraph %d among %d blocks", n, len(f.Blocks))
	return model.Block{}
}

// User returns the account for email with the role, creating it if needed.
func (f *ModerationFixture) User(name, email string, role model.Role) *model.User {
	f.t.Helper()
	ctx := context.Background()
	u, err := f.Store.UpsertUser(ctx, store.Identity{Provider: "dev", Subject: email, Email: email, Name: name, EmailVerified: true})
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.Store.SetRole(ctx, u.ID, role); err != nil {
		f.t.Fatal(err)
	}
	u.Role = role
	return u
}

// Comment inserts a pending comment by author on the first paragraph; edit
// changes any field before it is stored.
func (f *ModerationFixture) Comment(author *model.User, body string, edit ...func(*model.Comment)) *model.Comment {
	f.t.Helper()
	now := time.Now().UTC()
	c := &model.Comment{
		ConsultationID: f.Consultation.ID, VersionID: f.Version.ID, ParagraphKey: f.Paragraph(0).Key,
		UserID: author.ID, Body: body, RespondingAs: "individual", Publish: model.PublishName,
		Status: model.CommentPending, SubmissionToken: randomHex(12), CreatedAt: now, UpdatedAt: now,
	}
	for _, e := range edit {
		e(c)
	}
	if err := f.Store.DB.Create(c).Error; err != nil {
		f.t.Fatalf("insert comment: %v", err)
	}
	return c
}

// Reload reads a comment back from the database.
func (f *ModerationFixture) Reload(id int64) *model.Comment {
	f.t.Helper()
	var c model.Comment
	if err := f.Store.DB.Take(&c, id).Error; err != nil {
		f.t.Fatalf("reload comment %d: %v", id, err)
	}
	return &c
}

// AuditCount counts the audit entries of an action on a target.
func (f *ModerationFixture) AuditCount(action, targetType, targetID string) int {
	f.t.Helper()
	var n int64
	if err := f.Store.DB.Model(&model.AuditEntry{}).Where("action = ? AND target_type = ? AND target_id = ?", action, targetType, targetID).
		Count(&n).Error; err != nil {
		f.t.Fatal(err)
	}
	return int(n)
}
