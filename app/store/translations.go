package store

import (
	"context"

	"pilcrow/app/model"
)

// PublishTranslation stores a translation of a version with its blocks, replacing
// any earlier translation of that version into the same language, and marks the
// consultation's public pages stale, all in one transaction.
func (s *Store) PublishTranslation(ctx context.Context, consultationID int64, t *model.Translation, blocks []model.TranslationBlock) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.DB.Where("version_id = ? AND language = ?", t.VersionID, t.Language).
			Delete(&model.Translation{}).Error; err != nil {
			return err
		}
		// SQLite enforces ON DELETE CASCADE only with foreign keys on: delete the
		// orphaned blocks explicitly so both engines behave the same.
		if err := tx.DB.Where("translation_id NOT IN (SELECT id FROM translations)").
			Delete(&model.TranslationBlock{}).Error; err != nil {
			return err
		}
		if err := conflict(tx.DB.Create(t).Error); err != nil {
			return err
		}
		for i := range blocks {
			blocks[i].TranslationID = t.ID
		}
		if len(blocks) > 0 {
			if err := tx.DB.CreateInBatches(blocks, 200).Error; err != nil {
				return err
			}
		}
		return tx.BumpRevision(ctx, consultationID)
	})
}

// Translation returns the translation of a version into lang, or model.ErrNotFound.
func (s *Store) Translation(ctx context.Context, versionID int64, lang string) (*model.Translation, error) {
	var t model.Translation
	err := s.DB.WithContext(ctx).Where("version_id = ? AND language = ?", versionID, lang).Take(&t).Error
	return &t, notFound(err)
}

// TranslationByID returns a translation by id.
func (s *Store) TranslationByID(ctx context.Context, id int64) (*model.Translation, error) {
	var t model.Translation
	err := s.DB.WithContext(ctx).Take(&t, id).Error
	return &t, notFound(err)
}

// TranslationBlocks returns a translation's blocks in document order, shaped as
// the version's blocks so that one renderer serves both languages.
func (s *Store) TranslationBlocks(ctx context.Context, translationID int64) ([]model.Block, error) {
	var tbs []model.TranslationBlock
	if err := s.DB.WithContext(ctx).Where("translation_id = ?", translationID).Order("number").Find(&tbs).Error; err != nil {
		return nil, err
	}
	bs := make([]model.Block, len(tbs))
	for i, b := range tbs {
		bs[i] = model.Block{Key: b.Key, Number: b.Number, Kind: b.Kind, Section: b.Section, Text: b.Text, HTML: b.HTML}
	}
	return bs, nil
}

// TranslatedVersions returns the ids of the consultation's versions that have a
// translation into lang.
func (s *Store) TranslatedVersions(ctx context.Context, consultationID int64, lang string) (map[int64]bool, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Table("translations").
		Joins("JOIN document_versions ON document_versions.id = translations.version_id").
		Where("document_versions.consultation_id = ? AND translations.language = ?", consultationID, lang).
		Pluck("translations.version_id", &ids).Error
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// DraftCy returns the Welsh Markdown an admin saved but has not published, or "".
func (s *Store) DraftCy(ctx context.Context, consultationID int64) (string, error) {
	var d struct{ DraftMarkdownCy string }
	err := s.DB.WithContext(ctx).Table("consultations").Select("draft_markdown_cy").
		Where("id = ?", consultationID).Take(&d).Error
	return d.DraftMarkdownCy, notFound(err)
}

// SaveDraftCy keeps unpublished Welsh Markdown; like SaveDraft it leaves the revision alone.
func (s *Store) SaveDraftCy(ctx context.Context, consultationID int64, markdown string) error {
	return s.DB.WithContext(ctx).Table("consultations").Where("id = ?", consultationID).
		Update("draft_markdown_cy", markdown).Error
}

// TranslationBlock returns one block of a translation by key.
func (s *Store) TranslationBlock(ctx context.Context, translationID int64, key string) (*model.Block, error) {
	var b model.TranslationBlock
	err := s.DB.WithContext(ctx).Where("translation_id = ? AND key = ?", translationID, key).Take(&b).Error
	if err != nil {
		return nil, notFound(err)
	}
	return &model.Block{Key: b.Key, Number: b.Number, Kind: b.Kind, Section: b.Section, Text: b.Text, HTML: b.HTML}, nil
}

// LanguageCounts counts a consultation's comments by the language they were
// written in, every status included, as the analysis's other totals are.
func (s *Store) LanguageCounts(ctx context.Context, consultationID int64) (map[string]int, error) {
	var rows []struct {
		Language string
		N        int
	}
	err := s.DB.WithContext(ctx).Table("comments").Select("language, COUNT(*) AS n").
		Where("consultation_id = ?", consultationID).Group("language").Scan(&rows).Error
	out := map[string]int{}
	for _, r := range rows {
		out[r.Language] = r.N
	}
	return out, err
}
