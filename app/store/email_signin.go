package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// CreateEmailSignIn stores a sign-in link's hash.
func (s *Store) CreateEmailSignIn(ctx context.Context, e *model.EmailSignIn) error {
	return s.DB.WithContext(ctx).Create(e).Error
}

// EmailSignIn returns a sign-in link that is unused and unexpired at now, or
// model.ErrNotFound.
func (s *Store) EmailSignIn(ctx context.Context, hash string, now time.Time) (*model.EmailSignIn, error) {
	var e model.EmailSignIn
	err := s.DB.WithContext(ctx).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", hash, now.UTC()).Take(&e).Error
	return &e, notFound(err)
}

// TakeEmailSignIn uses up a sign-in link: one conditional update, so of two
// requests with the same link only one gets it. model.ErrNotFound when the link
// is unknown, used or expired.
func (s *Store) TakeEmailSignIn(ctx context.Context, hash string, now time.Time) (*model.EmailSignIn, error) {
	var es []model.EmailSignIn
	err := s.DB.WithContext(ctx).Raw(`UPDATE email_sign_ins SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
		RETURNING token_hash, email, next, language, created_at, expires_at, used_at`,
		now.UTC(), hash, now.UTC()).Scan(&es).Error
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, model.ErrNotFound
	}
	return &es[0], nil
}

// DeleteOldEmailSignIns removes links that expired before the instant.
func (s *Store) DeleteOldEmailSignIns(ctx context.Context, before time.Time) error {
	return s.DB.WithContext(ctx).Where("expires_at < ?", before.UTC()).Delete(&model.EmailSignIn{}).Error
}
