package testutil

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// DefaultMarkdown is a small document with a heading, paragraphs and a list.
const DefaultMarkdown = `# Draft local plan

## Housing

New homes should be built near railway stations and bus routes.

Every new street should have trees on both sides.

## Transport

- Safer cycle lanes on every main road.
- More frequent buses in the evening.

Car parks in the town centre should become pocket parks.
`

// ConsultationOpts describes a consultation to create; zero values mean a
// pre-moderated consultation, open now for thirty days, with DefaultMarkdown.
type ConsultationOpts struct {
	Slug, Title string
	Moderation  model.Moderation
	Opens       time.Time
	Closes      time.Time
	Markdown    string
}

// ConsultationFixture is a published consultation with its current blocks.
type ConsultationFixture struct {
	*model.Consultation
	Version *model.DocumentVersion
	Blocks  []model.Block
}

var fixtureSeq atomic.Int64

// Consultation creates and publishes a consultation through the store and the
// publishing use case, as the admin panel would.
func Consultation(t testing.TB, a *TestApp, o ConsultationOpts) *ConsultationFixture {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	if o.Slug == "" {
		o.Slug = "plan-" + time.Now().Format("150405") + "-" + strconv.FormatInt(fixtureSeq.Add(1), 10)
	}
	if o.Title == "" {
		o.Title = "Draft local plan"
	}
	if o.Moderation == "" {
		o.Moderation = model.PreModeration
	}
	if o.Opens.IsZero() {
		o.Opens = now.Add(-time.Hour)
	}
	if o.Closes.IsZero() {
		o.Closes = now.Add(30 * 24 * time.Hour)
	}
	if o.Markdown == "" {
		o.Markdown = DefaultMarkdown
	}
	opens, closes := o.Opens.UTC(), o.Closes.UTC()
	c := &model.Consultation{Slug: o.Slug, Title: o.Title, Moderation: o.Moderation, OpensAt: &opens, ClosesAt: &closes}
	if err := a.Store.CreateConsultation(ctx, c); err != nil {
		t.Fatalf("create consultation: %v", err)
	}
	f := &ConsultationFixture{Consultation: c}
	f.Version = PublishVersion(t, a, c, o.Markdown)
	blocks, err := a.Store.Blocks(ctx, f.Version.ID)
	if err != nil {
		t.Fatalf("blocks: %v", err)
	}
	f.Blocks = blocks
	return f
}

// PublishVersion publishes markdown as the consultation's next version.
func PublishVersion(t testing.TB, a *TestApp, c *model.Consultation, markdown string) *model.DocumentVersion {
	t.Helper()
	v, err := a.Consult.PublishVersion(context.Background(), c, markdown, "", nil)
	if err != nil {
		t.Fatalf("publish version: %v", err)
	}
	return v
}

// User creates (or finds) an account directly in the store, for tests that do
// not need to sign in through the browser.
func User(t testing.TB, a *TestApp, name, email string) *model.User {
	t.Helper()
	u, err := a.Store.UpsertUser(context.Background(),
		store.Identity{Provider: "dev", Subject: email, Email: email, Name: name, EmailVerified: true})
	if err != nil {
		t.Fatalf("user: %v", err)
	}
	return u
}

// RandomToken returns a fresh random string, for unique names and tokens.
func RandomToken() string { return randomHex(8) }
