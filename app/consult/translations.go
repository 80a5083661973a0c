package consult

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"pilcrow/app/document"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// ErrNoOriginal means a translation was offered before any English version exists.
var ErrNoOriginal = errors.New("the consultation has no published English document to translate")

// welshKey turns a message key about the English document into the same message
// about the Welsh one.
func welshKey(key string) string {
	return strings.Replace(key, "consultation.error.markdown.", "language.error.markdown_cy.", 1)
}

// NewTranslation publishes markdown as the Welsh document beside the consultation's
// current English version. Its blocks must pair with the English ones by position
// and kind; a mismatch is a *document.MismatchError naming the first block that
// differs, and nothing is stored. A new translation of the same version replaces
// the old one; a later English version needs its own.
func (s *Service) NewTranslation(ctx context.Context, slug, lang, markdown string, actor *int64) (*model.Translation, error) {
	if lang != model.Welsh {
		return nil, model.FieldErrors{"lang": "language.error.lang"}
	}
	markdown = normaliseNewlines(markdown)
	if key := markdownProblem(markdown, true); key != "" {
		return nil, model.FieldErrors{"markdown_cy": welshKey(key)}
	}
	var t *model.Translation
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if c.CurrentVersionID == nil {
			return ErrNoOriginal
		}
		blocks, err := tx.Blocks(ctx, *c.CurrentVersionID)
		if err != nil {
			return err
		}
		doc, err := document.RenderPaired(markdown, toDocumentBlocks(blocks))
		if key := markdownErrorKey(err); key != "" {
			return model.FieldErrors{"markdown_cy": welshKey(key)}
		} else if err != nil {
			return err
		}
		if err := s.publishedImagesOf(ctx, c, &doc); err != nil {
			return err
		}
		headings, _ := json.Marshal(doc.Headings)
		t = &model.Translation{VersionID: *c.CurrentVersionID, Language: lang, Markdown: markdown,
			HTML: doc.HTML, Headings: string(headings), Questions: questionsJSON(doc.Blocks), PublishedAt: s.now(), CreatedBy: actor}
		tbs := make([]model.TranslationBlock, len(doc.Blocks))
		for i, b := range doc.Blocks {
			tbs[i] = model.TranslationBlock{Key: b.Key, Number: b.Number, Kind: b.Kind, Section: b.Section, Text: b.Text, HTML: b.HTML}
		}
		if err := tx.PublishTranslation(ctx, c.ID, t, tbs); err != nil {
			return err
		}
		if err := tx.SaveDraftCy(ctx, c.ID, ""); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "translation.publish", "consultation", c.Slug, nil,
			map[string]any{"language": lang, "blocks": len(doc.Blocks)})
	})
	return t, err
}

// CheckPair tells, before anything is published, whether a Welsh document pairs
// with an English one block by block: nil, or a *document.MismatchError.
func (s *Service) CheckPair(english, welsh string) error {
	en, err := document.Render(normaliseNewlines(english), nil, nil)
	if err != nil {
		return nil // the English document's own problem is reported on its field
	}
	_, err = document.RenderPaired(normaliseNewlines(welsh), en.Blocks)
	var me *document.MismatchError
	if errors.As(err, &me) {
		return err
	}
	return nil
}

// SaveDraftCy keeps Welsh Markdown an admin is still writing, unpublished.
func (s *Service) SaveDraftCy(ctx context.Context, slug, markdown string) error {
	markdown = normaliseNewlines(markdown)
	if key := markdownProblem(markdown, false); key != "" {
		return model.FieldErrors{"markdown_cy": welshKey(key)}
	}
	c, err := s.Store.ConsultationBySlug(ctx, slug)
	if err != nil {
		return err
	}
	return s.Store.SaveDraftCy(ctx, c.ID, markdown)
}

// Document is what a reader sees of a consultation's current document in a
// language: the version, and the Welsh translation when one was asked for and exists.
type Document struct {
	Version     *model.DocumentVersion
	Translation *model.Translation // nil: the English version is shown
}

// Lang is the language the document is in.
func (d Document) Lang() string {
	if d.Translation != nil {
		return d.Translation.Language
	}
	return model.English
}

// TranslationOf returns the lang translation of a version, or nil when there is none.
func (s *Service) TranslationOf(ctx context.Context, versionID int64, lang string) (*model.Translation, error) {
	if lang == model.English {
		return nil, nil
	}
	t, err := s.Store.Translation(ctx, versionID, lang)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil
	}
	return t, err
}

// TranslatedBlock returns the block with key of a version's lang translation and
// the translation, or nils when the version has no such translation or block.
func (s *Service) TranslatedBlock(ctx context.Context, versionID int64, lang, key string) (*model.Block, *model.Translation, error) {
	t, err := s.TranslationOf(ctx, versionID, lang)
	if err != nil || t == nil {
		return nil, nil, err
	}
	b, err := s.Store.TranslationBlock(ctx, t.ID, key)
	if errors.Is(err, model.ErrNotFound) {
		return nil, nil, nil
	}
	return b, t, err
}

// CompareIn is Compare in lang: the two versions' translations compared when both
// have one, else the English versions; with the language compared.
func (s *Service) CompareIn(ctx context.Context, c *model.Consultation, n int, lang string) (*Comparison, string, error) {
	cmp, err := s.Compare(ctx, c, n)
	if err != nil || lang == model.English {
		return cmp, model.English, err
	}
	from, err := s.TranslationOf(ctx, cmp.From.ID, lang)
	if err != nil || from == nil {
		return cmp, model.English, err
	}
	to, err := s.TranslationOf(ctx, cmp.To.ID, lang)
	if err != nil || to == nil {
		return cmp, model.English, err
	}
	oldBlocks, err := s.Store.TranslationBlocks(ctx, from.ID)
	if err != nil {
		return nil, "", err
	}
	newBlocks, err := s.Store.TranslationBlocks(ctx, to.ID)
	if err != nil {
		return nil, "", err
	}
	out := &Comparison{From: cmp.From, To: cmp.To}
	for _, ch := range document.Diff(toDocumentBlocks(oldBlocks), toDocumentBlocks(newBlocks)) {
		if ch.Kind == "unchanged" {
			out.Unchanged++
			continue
		}
		out.Changes = append(out.Changes, ch)
	}
	return out, lang, nil
}

// EditorTextCy is the Welsh text the editor opens with: the Welsh draft, else the
// Welsh document of the current version, else nothing.
func (s *Service) EditorTextCy(ctx context.Context, c *model.Consultation) (string, error) {
	draft, err := s.Store.DraftCy(ctx, c.ID)
	if err != nil || draft != "" || c.CurrentVersionID == nil {
		return draft, err
	}
	t, err := s.TranslationOf(ctx, *c.CurrentVersionID, model.Welsh)
	if err != nil || t == nil {
		return "", err
	}
	return t.Markdown, nil
}

// SameAsCurrent reports whether markdown is the current English version's text,
// so that the editor can publish only the Welsh document beside it.
func (s *Service) SameAsCurrent(ctx context.Context, c *model.Consultation, markdown string) (bool, error) {
	if c.CurrentVersionID == nil {
		return false, nil
	}
	v, err := s.Store.Version(ctx, *c.CurrentVersionID)
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(v.Markdown) == strings.TrimSpace(normaliseNewlines(markdown)), nil
}

// LanguageCount is how many comments were written in one language.
type LanguageCount struct {
	Language string
	Count    int
}

// Languages splits a consultation's comments by the language they were written
// in, English first; counts elsewhere cover both languages together.
func (s *Service) Languages(ctx context.Context, c *model.Consultation) ([]LanguageCount, error) {
	counts, err := s.Store.LanguageCounts(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	return []LanguageCount{{model.English, counts[model.English]}, {model.Welsh, counts[model.Welsh]}}, nil
}

// localTitleOf is the consultation's title in lang, falling back to English.
func localTitleOf(c *model.Consultation, lang string) string {
	t, _ := model.Localised(lang, c.Title, c.TitleCy)
	return t
}
