package consult

import (
	"context"

	"pilcrow/app/model"
)

// stillOpen refuses a change to a comment once its consultation has closed, so
// that editing or withdrawing after the deadline cannot alter what was counted.
func (s *Service) stillOpen(ctx context.Context, cm *model.Comment) error {
	c, err := s.Store.Consultation(ctx, cm.ConsultationID)
	if err != nil {
		return err
	}
	if c.StatusAt(s.now()) == model.StatusClosed {
		return model.ErrClosed
	}
	return nil
}

// ChangeableComment returns a comment of u's that may still be edited or
// withdrawn: model.ErrClosed once its consultation has closed.
func (s *Service) ChangeableComment(ctx context.Context, u *model.User, id int64) (*model.Comment, error) {
	cm, err := s.OwnComment(ctx, u, id)
	if err != nil {
		return nil, err
	}
	return cm, s.stillOpen(ctx, cm)
}
