package consult

import (
	"context"
	"strconv"

	"pilcrow/app/export"
	"pilcrow/app/i18n"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Report assembles the summary report: the figures, every commented paragraph
// with its approved comments that may be published (names only where their
// authors allowed), the comments on the whole document and on wording a later
// version removed or rewrote, replies under their parents, the organisations
// that allowed their names, and the campaigns, shown through publishable texts
// only. Question results and themes go into r.Questions and r.Themes.
// The labels, dates and title are in lang ("en" or "cy").
func (s *Reports) Report(ctx context.Context, c *model.Consultation, lang string) (export.Report, error) {
	a, err := s.Analyse(ctx, c, true)
	if err != nil {
		return export.Report{}, err
	}
	r := export.Report{
		Title: c.Title, Organisation: c.Organisation, Slug: c.Slug, Opens: c.OpensAt, Closes: c.ClosesAt,
		Generated: s.now(), Location: s.Zone, Figures: a.Figures, PerDay: a.PerDay,
		Sections: a.Sections, Organisations: a.Organisations, Lang: "en-GB", T: s.labels(i18n.Default),
	}
	if lang == model.Welsh {
		r.Title, r.Lang, r.T = localTitleOf(c, lang), "cy-GB", s.labels(model.Welsh)
	}
	placed, err := s.placeComments(ctx, c, a)
	if err != nil {
		return r, err
	}
	pictures := s.reportPictures(ctx)
	for _, b := range a.Blocks {
		if b.Total == 0 && len(placed.current[b.Key]) == 0 {
			continue
		}
		images, err := pictures(b.HTML)
		if err != nil {
			return r, err
		}
		r.Paragraphs = append(r.Paragraphs, export.ParagraphReport{
			Number: b.Number, Key: b.Key, Section: b.Section, Text: b.Text, Total: b.Total,
			Agree: b.Agree, Disagree: b.Disagree, Neutral: b.Neutral, Comments: placed.current[b.Key],
			Images: images,
		})
	}
	r.WholeDocument, r.EarlierWording = placed.whole, placed.earlier
	if r.Questions, err = s.reportQuestions(ctx, c, placed, r.T); err != nil {
		return r, err
	}
	if r.Themes, err = s.reportThemes(ctx, c); err != nil {
		return r, err
	}
	campaigns, err := s.Campaigns(ctx, c)
	if err != nil {
		return r, err
	}
	for _, g := range campaigns {
		r.Campaigns = append(r.Campaigns, g.publicSummary())
	}
	return r, nil
}

// reportQuestions gives each question of the current version its counts and
// the publishable texts written on it: the answers' "Tell us why" and the
// comments on the question, as its paragraph shows them. Choices are counts only.
func (s *Reports) reportQuestions(ctx context.Context, c *model.Consultation, placed *placedComments, t func(string, ...any) string) ([]export.QuestionResult, error) {
	results, err := s.QuestionResults(ctx, c)
	if err != nil {
		return nil, err
	}
	out := make([]export.QuestionResult, 0, len(results))
	for _, q := range results {
		title := "Q" + strconv.Itoa(q.Ordinal)
		if t != nil {
			title = t("report.questions.title", q.Ordinal)
		}
		qr := export.QuestionResult{Title: title, Text: q.Text, Answers: placed.current[q.Key]}
		for _, o := range q.Options {
			qr.Options = append(qr.Options, export.OptionCount{Label: o.Option, Count: o.Count})
		}
		out = append(out, qr)
	}
	return out, nil
}

// reportThemes lists the coding frame's themes that cover at least one comment.
func (s *Reports) reportThemes(ctx context.Context, c *model.Consultation) ([]export.ThemeSummary, error) {
	counts, err := s.ThemeCounts(ctx, c)
	if err != nil {
		return nil, err
	}
	var out []export.ThemeSummary
	for _, tc := range counts.Themes {
		if tc.Total > 0 {
			out = append(out, export.ThemeSummary{Name: tc.Theme.Name, Description: tc.Theme.Description, Count: tc.Total})
		}
	}
	return out, nil
}

// labels looks the report's labels up in the catalogue, in lang.
func (s *Reports) labels(lang string) func(string, ...any) string {
	if s.Messages == nil {
		return nil
	}
	return func(key string, args ...any) string { return s.Messages.T(lang, key, args...) }
}

// placedComments are the publishable comments sorted by where the report
// shows them.
type placedComments struct {
	whole   []export.PublicComment
	current map[string][]export.PublicComment // by key, on the current wording
	earlier []export.ParagraphReport          // on wording since removed or rewritten
}

// placeComments reads the publishable comments and puts each where it
// belongs: a reply under its parent; a comment whose paragraph still reads as
// it did under that paragraph; one on a paragraph since removed or reworded
// under the wording it was written against, from the version it was on.
func (s *Reports) placeComments(ctx context.Context, c *model.Consultation, a *Analysis) (*placedComments, error) {
	current := map[string]model.Block{}
	for _, b := range a.Blocks {
		current[b.Key] = b.Block
	}
	versions, err := s.Store.Versions(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	number := map[int64]int{}
	for _, v := range versions {
		number[v.ID] = v.Number
	}
	old := map[int64]map[string]model.Block{} // the blocks of earlier versions, read when needed
	blockOf := func(versionID int64, key string) (model.Block, bool, error) {
		if _, ok := old[versionID]; !ok {
			bs, err := s.Store.Blocks(ctx, versionID)
			if err != nil {
				return model.Block{}, false, err
			}
			m := make(map[string]model.Block, len(bs))
			for _, b := range bs {
				m[b.Key] = b
			}
			old[versionID] = m
		}
		b, ok := old[versionID][key]
		return b, ok, nil
	}
	// Every comment by id, and each one's place: a parent, or a spot in the report.
	type node struct {
		comment  export.PublicComment
		parent   int64
		place    string // "" whole document, "k:KEY" current, "v:VERSION:KEY" earlier
		children []int64
	}
	nodes := map[int64]*node{}
	var order []int64
	earlierAt := map[string]int{}
	out := &placedComments{current: map[string][]export.PublicComment{}}
	err = s.Store.ReportComments(ctx, c.ID, func(rc *store.ReportComment) error {
		n := &node{comment: export.PublicComment{ID: rc.ID, Author: rc.Author, Body: rc.Body, SubmittedAt: rc.SubmittedAt}}
		if rc.ParentID != nil {
			n.parent = *rc.ParentID
		}
		if rc.Key != "" {
			n.place = "k:" + rc.Key
			cur, onCurrent := current[rc.Key]
			if c.CurrentVersionID == nil || rc.VersionID != *c.CurrentVersionID {
				was, found, err := blockOf(rc.VersionID, rc.Key)
				if err != nil {
					return err
				}
				if found && (!onCurrent || was.Text != cur.Text) {
					place := "v:" + strconv.Itoa(number[rc.VersionID]) + ":" + rc.Key
					n.place = place
					if _, seen := earlierAt[place]; !seen {
						earlierAt[place] = len(out.earlier)
						out.earlier = append(out.earlier, export.ParagraphReport{Number: was.Number, Key: was.Key,
							Section: was.Section, Text: was.Text, Version: number[rc.VersionID], Removed: !onCurrent})
					}
				}
			}
		}
		nodes[rc.ID] = n
		order = append(order, rc.ID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Replies go under a parent that is in the report; one whose parent is not
	// publishable stands on its own where it was written.
	var roots []int64
	for _, id := range order {
		n := nodes[id]
		if p, ok := nodes[n.parent]; ok && n.parent != 0 {
			p.children = append(p.children, id)
			continue
		}
		roots = append(roots, id)
	}
	var build func(id int64, depth int) export.PublicComment
	build = func(id int64, depth int) export.PublicComment {
		n := nodes[id]
		pc := n.comment
		for _, ch := range n.children {
			if depth < 50 { // parents are older than replies, so there is no cycle; this only bounds the depth
				pc.Replies = append(pc.Replies, build(ch, depth+1))
			}
		}
		return pc
	}
	for _, id := range roots {
		n := nodes[id]
		pc := build(id, 0)
		switch {
		case n.place == "":
			out.whole = append(out.whole, pc)
		case n.place[0] == 'k':
			out.current[n.place[2:]] = append(out.current[n.place[2:]], pc)
		default:
			i := earlierAt[n.place]
			out.earlier[i].Comments = append(out.earlier[i].Comments, pc)
		}
	}
	return out, nil
}
