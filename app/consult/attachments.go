package consult

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Limits on supporting documents.
const (
	MaxAttachmentBytes = 20 << 20
	MaxAttachmentTitle = 200
)

// AddAttachment publishes a supporting document beside the consultation. Its
// type must be one Pilcrow accepts by both its name and its content.
func (s *Service) AddAttachment(ctx context.Context, slug, title, file string, data []byte, actor *int64) (*model.Attachment, error) {
	fe := model.FieldErrors{}
	title = strings.TrimSpace(title)
	checkTextAs(fe, "title", title, MaxAttachmentTitle, textKeys{Required: "authoring.attachment.error.title.required",
		Text: "authoring.attachment.error.title.text", Long: "authoring.attachment.error.title.long"})
	k, ok := kindOf(file, data)
	switch {
	case len(data) == 0:
		fe["file"] = "authoring.attachment.error.file.required"
	case len(data) > MaxAttachmentBytes:
		fe["file"] = "authoring.attachment.error.file.large"
	case !ok:
		fe["file"] = "authoring.attachment.error.file.type"
	}
	if len(fe) > 0 {
		return nil, fe
	}
	name := ImageName(file) // the same safe file name rule
	if name == "" || !strings.Contains(name, ".") {
		name = "document" + path.Ext(strings.ToLower(file))
	}
	sum := sha256.Sum256(data)
	a := &model.Attachment{Title: title, FileName: name, ContentType: k.contentType, Kind: k.kind,
		Size: len(data), Hash: hex.EncodeToString(sum[:]), Data: data, CreatedAt: s.now(), CreatedBy: actor}
	if k.kind == "pdf" {
		a.Pages = pdfPages(data)
	}
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		a.ConsultationID = c.ID
		if err := tx.AddAttachment(ctx, a); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "attachment.add", "consultation", c.Slug, nil,
			map[string]any{"title": title, "file": name, "bytes": a.Size})
	})
	if err != nil {
		return nil, err
	}
	a.Data = nil
	return a, nil
}

// RemoveAttachment takes a supporting document down.
func (s *Service) RemoveAttachment(ctx context.Context, slug string, id int64, actor *int64) error {
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		c, err := tx.ConsultationBySlug(ctx, slug)
		if err != nil {
			return err
		}
		if err := tx.DeleteAttachment(ctx, c.ID, id); err != nil {
			return err
		}
		return tx.Audit(ctx, actor, "attachment.remove", "consultation", c.Slug, map[string]any{"id": id}, nil)
	})
}

// Attachments lists a consultation's supporting documents, without their bytes.
func (s *Service) Attachments(ctx context.Context, c *model.Consultation) ([]model.Attachment, error) {
	return s.Store.Attachments(ctx, c.ID)
}

// Attachment returns a supporting document with its bytes, for download.
func (s *Service) Attachment(ctx context.Context, c *model.Consultation, id int64) (*model.Attachment, error) {
	return s.Store.Attachment(ctx, c.ID, id)
}
