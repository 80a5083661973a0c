package consult

import (
	"context"
	"time"

	"pilcrow/app/export"
	"pilcrow/app/model"
)

// maxChartDays bounds the per-day series, so one comment dated far away cannot
// make a chart of thousands of empty days.
const maxChartDays = 400

// Analysis is what the analysis page and the PDF report show of a consultation.
type Analysis struct {
	Consultation  *model.Consultation
	Figures       export.Figures
	PerDay        []export.DayCount
	Sections      []export.SectionCount
	Blocks        []BlockCount // every block of the current version, in document order
	MaxCount      int          // the most comments on one block
	Organisations []export.OrgCount
}

// BlockCount is one block of the document with the counted comments on it:
// pending and approved ones, since withdrawn and rejected ones are not responses.
type BlockCount struct {
	model.Block
	Total, Agree, Disagree, Neutral int
}

// Analyse gathers the figures of a consultation. With publicOnly, the list of
// organisations keeps only those that allowed their names to be published.
func (s *Reports) Analyse(ctx context.Context, c *model.Consultation, publicOnly bool) (*Analysis, error) {
	a := &Analysis{Consultation: c}
	if err := s.figures(ctx, a); err != nil {
		return nil, err
	}
	if err := s.perDay(ctx, a); err != nil {
		return nil, err
	}
	if err := s.blocks(ctx, a); err != nil {
		return nil, err
	}
	orgs, err := s.Store.Organisations(ctx, c.ID, publicOnly)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		a.Organisations = append(a.Organisations, export.OrgCount{Name: o.Name, Count: o.Count})
	}
	return a, nil
}

// figures fills the headline counts, over every comment received.
func (s *Reports) figures(ctx context.Context, a *Analysis) error {
	counts, err := s.Store.StatusCounts(ctx, a.Consultation.ID)
	if err != nil {
		return err
	}
	f := &a.Figures
	for _, sc := range counts {
		f.Total += sc.Count
		switch model.CommentStatus(sc.Status) {
		case model.CommentPending:
			f.Pending += sc.Count
		case model.CommentApproved:
			f.Approved += sc.Count
		case model.CommentRejected:
			f.Rejected += sc.Count
		case model.CommentWithdrawn:
			f.Withdrawn += sc.Count
		}
		if sc.RespondingAs == "organisation" {
			f.Organisations += sc.Count
		} else {
			f.Individuals += sc.Count
		}
		if sc.Whole == 1 {
			f.WholeDocument += sc.Count
		}
	}
	return nil
}

// perDay counts comments per day in the service's zone, from the first day with
// a comment to the last, days without any included as zero.
func (s *Reports) perDay(ctx context.Context, a *Analysis) error {
	counts := map[time.Time]int{}
	var first, last time.Time
	err := s.Store.SubmissionTimes(ctx, a.Consultation.ID, func(t time.Time) {
		l := t.In(s.Zone)
		day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, s.Zone)
		counts[day]++
		if first.IsZero() || day.Before(first) {
			first = day
		}
		if day.After(last) {
			last = day
		}
	})
	if err != nil || first.IsZero() {
		return err
	}
	if span := last.Sub(first); span > maxChartDays*24*time.Hour {
		first = time.Date(last.Year(), last.Month(), last.Day()-maxChartDays, 0, 0, 0, 0, s.Zone)
	}
	for d := first; !d.After(last); d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, s.Zone) {
		a.PerDay = append(a.PerDay, export.DayCount{Day: d, Count: counts[d]})
	}
	return nil
}

// blocks counts comments per block of the current version and per section.
func (s *Reports) blocks(ctx context.Context, a *Analysis) error {
	if a.Consultation.CurrentVersionID == nil {
		return nil
	}
	blocks, err := s.Store.Blocks(ctx, *a.Consultation.CurrentVersionID)
	if err != nil {
		return err
	}
	stances, err := s.Store.ParagraphStances(ctx, a.Consultation.ID)
	if err != nil {
		return err
	}
	byKey := map[string]*BlockCount{}
	a.Blocks = make([]BlockCount, len(blocks))
	for i, b := range blocks {
		a.Blocks[i] = BlockCount{Block: b}
		byKey[b.Key] = &a.Blocks[i]
	}
	addStances(byKey, stances)
	sectionAt := map[string]int{}
	for _, bc := range a.Blocks {
		a.MaxCount = max(a.MaxCount, bc.Total)
		name := bc.Section
		if name == "" {
			name = "Introduction"
		}
		i, ok := sectionAt[name]
		if !ok {
			i = len(a.Sections)
			sectionAt[name] = i
			a.Sections = append(a.Sections, export.SectionCount{Section: name})
		}
		a.Sections[i].Count += bc.Total
	}
	return nil
}
