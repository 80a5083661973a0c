// Package demo loads a realistic consultation with comments, so that a fresh
// `make run` shows a living document rather than an empty list.
package demo

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Slug is the demo consultation's address; its presence means the demo is loaded.
const Slug = "cycling-and-walking-plan"

//go:embed cycling-and-walking-plan.md
var markdown string

// markdownCy is the demo document in Welsh, paired with the English block by block.
//
//go:embed cycling-and-walking-plan.cy.md
var markdownCy string

// Markdown is the demo document, for tests and benchmarks that want a real one.
func Markdown() string { return markdown }

// Seed loads the demo consultation unless one with its slug exists, and reports
// whether it did. It is open now, closes in six weeks and is post-moderated.
func Seed(ctx context.Context, svc *consult.Service) (bool, error) {
	if _, err := svc.Store.ConsultationBySlug(ctx, Slug); err == nil {
		return false, nil
	} else if !errors.Is(err, model.ErrNotFound) {
		return false, err
	}
	opens, closes := demoDates(svc.Now())
	_, err := svc.CreateConsultation(ctx, consult.Details{
		Slug: Slug, Title: "Draft Local Cycling and Walking Infrastructure Plan",
		Summary:      "Our proposals for safer, more direct walking and cycling routes across the district over the next ten years.",
		Organisation: "Pilcrow demonstration council", Contact: "transport.plans@example.gov.uk",
		Opens: opens.Format(time.RFC3339), Closes: closes.Format(time.RFC3339), Moderation: string(model.PostModeration),
		TitleCy:   "Cynllun Drafft Lleol ar gyfer Seilwaith Beicio a Cherdded",
		SummaryCy: "Ein cynigion ar gyfer llwybrau cerdded a beicio mwy diogel a mwy uniongyrchol ar draws y dosbarth dros y deng mlynedd nesaf.",
	}, time.UTC, nil)
	var fe model.FieldErrors
	if errors.As(err, &fe) && fe["slug"] == "consultation.error.slug.taken" {
		return false, nil // another seed won the race
	}
	if err != nil {
		return false, err
	}
	v, err := svc.NewVersion(ctx, Slug, markdown, "", nil)
	if err != nil {
		return false, err
	}
	if _, err := svc.NewTranslation(ctx, Slug, model.Welsh, markdownCy, nil); err != nil {
		return false, fmt.Errorf("demo Welsh document: %w", err)
	}
	c, err := svc.Store.ConsultationBySlug(ctx, Slug)
	if err != nil {
		return false, err
	}
	if err := seedComments(ctx, svc.Store, c, v, opens); err != nil {
		return false, err
	}
	if err := seedAnswers(ctx, svc.Store, c, v, opens); err != nil {
		return false, err
	}
	return true, nil
}

// demoDates opens the demo at 9am nine days ago and closes it at 11:59pm six
// weeks from now, London time, as a council would schedule it.
func demoDates(now time.Time) (time.Time, time.Time) {
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		zone = time.UTC
	}
	d := now.In(zone)
	opens := time.Date(d.Year(), d.Month(), d.Day()-9, 9, 0, 0, 0, zone)
	closes := time.Date(d.Year(), d.Month(), d.Day()+42, 23, 59, 0, 0, zone)
	return opens.UTC(), closes.UTC()
}

// seedComments adds the demo's people and their comments, top-level comments
// first so that replies can point at them.
func seedComments(ctx context.Context, st *store.Store, c *model.Consultation, v *model.DocumentVersion, opens time.Time) error {
	users := make([]int64, len(people))
	for i, p := range people {
		u, err := st.UpsertUser(ctx, store.Identity{Provider: "demo", Subject: fmt.Sprintf("demo-%d", i+1),
			Email: p.email, Name: p.name, EmailVerified: true})
		if err != nil {
			return err
		}
		users[i] = u.ID
	}
	blocks, err := st.Blocks(ctx, v.ID)
	if err != nil {
		return err
	}
	// The script numbers the blocks as they were before the document asked
	// questions, so it counts the prose blocks only.
	blocks = proseBlocks(blocks)
	var top, replies []model.Comment
	for i, s := range script {
		cm := s.comment(c, v, blocks, users, i, opens)
		if s.reply < 0 {
			top = append(top, cm)
		} else {
			replies = append(replies, cm)
		}
	}
	if err := st.SeedComments(ctx, top); err != nil {
		return err
	}
	byIndex := map[int]int64{}
	for i, j := 0, 0; i < len(script); i++ {
		if script[i].reply < 0 {
			byIndex[i] = top[j].ID
			j++
		}
	}
	for i := range replies {
		id := byIndex[replyParent(i)]
		replies[i].ParentID = &id
	}
	return st.SeedComments(ctx, replies)
}

// replyParent is the script index of the comment the nth reply answers.
func replyParent(n int) int {
	for _, s := range script {
		if s.reply >= 0 {
			if n == 0 {
				return s.reply
			}
			n--
		}
	}
	return -1
}

// comment builds the stored form of a scripted comment.
func (s line) comment(c *model.Consultation, v *model.DocumentVersion, blocks []model.Block, users []int64, i int, opens time.Time) model.Comment {
	block := s.block
	if s.reply >= 0 {
		block = script[s.reply].block // a reply addresses what its parent does
	}
	key := ""
	if block > 0 && block <= len(blocks) {
		key = blocks[block-1].Key
	}
	at := opens.Add(time.Duration(i+1) * 5 * time.Hour)
	as := "individual"
	if s.org != "" {
		as = "organisation"
	}
	status := model.CommentApproved
	if s.pending {
		status = model.CommentPending
	}
	return model.Comment{
		ConsultationID: c.ID, VersionID: v.ID, ParagraphKey: key, UserID: users[s.who], Body: s.body,
		RespondingAs: as, Organisation: s.org, Publish: s.publish, Stance: s.stance, Status: status,
		SubmissionToken: fmt.Sprintf("demo-%d", i+1), Language: s.lang, CreatedAt: at, UpdatedAt: at,
	}
}
