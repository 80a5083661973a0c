package consult

import (
	"context"
	"net/url"
	"strings"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// OutcomePreview is an outcome rendered as it would be published, with the
// paragraph numbers each section will be shown beside.
type OutcomePreview struct {
	HTML     string
	Sections []PreviewSection
}

// PreviewSection is one section of a previewed outcome.
type PreviewSection struct {
	HTML    string
	Numbers []int // the blocks whose pages will show it as "Our response"
}

// OutcomeEditorText is the Markdown the outcome form starts from: the saved
// draft, else the published outcome.
func (s *Service) OutcomeEditorText(ctx context.Context, c *model.Consultation) (string, error) {
	draft, err := s.Store.OutcomeDraft(ctx, c.ID)
	if err != nil || draft != "" {
		return draft, err
	}
	return c.Outcome, nil
}

// SaveOutcomeDraft keeps outcome Markdown unpublished, before or after the
// consultation closes; nobody but admins sees it.
func (s *Service) SaveOutcomeDraft(ctx context.Context, slug, outcome string, actor *int64) error {
	outcome, err := s.checkOutcome(ctx, outcome, actor)
	if err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if err := tx.SaveOutcomeDraft(ctx, c.ID, outcome); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "outcome.draft", "consultation", c.Slug, nil, map[string]any{"bytes": len(outcome)})
	})
}

// PreviewOutcome renders outcome Markdown as it would be published, for an
// admin, storing nothing.
func (s *Service) PreviewOutcome(ctx context.Context, c *model.Consultation, outcome string, actor *int64) (*OutcomePreview, error) {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return nil, err
	}
	outcome = strings.TrimSpace(normaliseNewlines(outcome))
	fe := model.FieldErrors{}
	checkText(fe, "outcome", outcome, MaxOutcome, true)
	if len(fe) > 0 {
		return nil, fe
	}
	out, sections, err := s.renderOutcome(ctx, c, outcome)
	if err != nil {
		return nil, err
	}
	p := &OutcomePreview{HTML: out.HTML}
	numbers := map[string]int{}
	if c.CurrentVersionID != nil {
		blocks, err := s.Store.Blocks(ctx, *c.CurrentVersionID)
		if err != nil {
			return nil, err
		}
		for _, b := range blocks {
			numbers[b.Key] = b.Number
		}
	}
	for i, sec := range out.Sections {
		ps := PreviewSection{HTML: sec.HTML}
		for _, row := range sections {
			if row.Position == i {
				ps.Numbers = append(ps.Numbers, numbers[row.ParagraphKey])
			}
		}
		p.Sections = append(p.Sections, ps)
	}
	return p, nil
}

// renderOutcome renders the outcome, with the consultation's images, and
// lists its sections under the keys of the blocks they link to.
func (s *Service) renderOutcome(ctx context.Context, c *model.Consultation, outcome string) (document.Outcome, []model.OutcomeSection, error) {
	out, err := document.RenderOutcome(outcome)
	if key := markdownErrorKey(err); key != "" {
		return out, nil, model.FieldErrors{"outcome": key}
	} else if err != nil {
		return out, nil, err
	}
	if out.HTML, _, err = s.ResolveImages(ctx, c.ID, out.HTML); err != nil {
		return out, nil, err
	}
	keys := map[string]bool{}
	if c.CurrentVersionID != nil {
		blocks, err := s.Store.Blocks(ctx, *c.CurrentVersionID)
		if err != nil {
			return out, nil, err
		}
		for _, b := range blocks {
			keys[b.Key] = true
		}
	}
	var rows []model.OutcomeSection
	for i := range out.Sections {
		sec := &out.Sections[i]
		if sec.HTML, _, err = s.ResolveImages(ctx, c.ID, sec.HTML); err != nil {
			return out, nil, err
		}
		seen := map[string]bool{}
		for _, dest := range sec.Links {
			if k := s.paragraphLinkKey(c.Slug, dest); keys[k] && !seen[k] {
				seen[k] = true
				rows = append(rows, model.OutcomeSection{ConsultationID: c.ID, ParagraphKey: k, Position: i, HTML: sec.HTML})
			}
		}
	}
	return out, rows, nil
}

// paragraphLinkKey is the block key a link points at when it is the address
// of one of the consultation's paragraph or question pages, as a site path or
// absolute under the base URL; "" otherwise.
func (s *Service) paragraphLinkKey(slug, dest string) string {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return ""
	}
	if u.Scheme != "" || u.Host != "" {
		base, err := url.Parse(s.BaseURL)
		if err != nil || s.BaseURL == "" || !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) {
			return ""
		}
		u.Path = strings.TrimPrefix(u.Path, strings.TrimSuffix(base.Path, "/"))
	}
	key, ok := strings.CutPrefix(u.Path, "/consultations/"+slug+"/paragraphs/")
	if !ok || !keyShaped(key) {
		return ""
	}
	return key
}

// OutcomeSections returns the published outcome's sections that link to the
// block with key, for that block's page ("Our response").
func (s *Service) OutcomeSections(ctx context.Context, c *model.Consultation, key string) ([]string, error) {
	if c.OutcomePublishedAt == nil || key == "" {
		return nil, nil
	}
	return s.Store.OutcomeSections(ctx, c.ID, key)
}

// checkOutcome lets only an admin write an outcome and returns its Markdown
// tidied, or the field error that says what is wrong with it.
func (s *Service) checkOutcome(ctx context.Context, outcome string, actor *int64) (string, error) {
	if err := s.actingByID(ctx, actor, model.RoleAdmin); err != nil {
		return "", err
	}
	outcome = strings.TrimSpace(normaliseNewlines(outcome))
	fe := model.FieldErrors{}
	checkText(fe, "outcome", outcome, MaxOutcome, true)
	if len(fe) > 0 {
		return "", fe
	}
	return outcome, nil
}
