package consult

import (
	"context"

	"pilcrow/app/model"
)

// ParagraphKeyByNumber turns the paragraph number that people see in the
// consultation's current document into the key that comments are filed under,
// so officials never have to know keys. An unknown number is model.ErrNotFound.
func (s *Service) ParagraphKeyByNumber(ctx context.Context, c *model.Consultation, number int) (string, error) {
	if c.CurrentVersionID == nil || number < 1 {
		return "", model.ErrNotFound
	}
	b, err := s.Store.BlockByNumber(ctx, *c.CurrentVersionID, number)
	if err != nil {
		return "", err
	}
	return b.Key, nil
}
