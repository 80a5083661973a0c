package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// CreateSession stores a new signed-in session under the hash of its token.
func (s *Store) CreateSession(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error {
	now := time.Now().UTC()
	return s.DB.WithContext(ctx).Create(&model.Session{
		TokenHash: tokenHash, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(ttl),
	}).Error
}

// SessionUser returns the account of an unexpired session, in one query.
func (s *Store) SessionUser(ctx context.Context, tokenHash string) (*model.User, error) {
	var u model.User
	err := s.DB.WithContext(ctx).Table("users").Select("users.*").
		Joins("JOIN sessions ON sessions.user_id = users.id").
		Where("sessions.token_hash = ? AND sessions.expires_at > ?", tokenHash, time.Now().UTC()).
		Take(&u).Error
	return &u, notFound(err)
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	return s.DB.WithContext(ctx).Where("token_hash = ?", tokenHash).Delete(&model.Session{}).Error
}

// DeleteUserSessions ends every session of an account at once, as blocking requires.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	return s.DB.WithContext(ctx).Where("user_id = ?", userID).Delete(&model.Session{}).Error
}

// DeleteExpired removes expired sessions and sign-in states; any instance may run it.
func (s *Store) DeleteExpired(ctx context.Context) error {
	now := time.Now().UTC()
	if err := s.DB.WithContext(ctx).Where("expires_at < ?", now).Delete(&model.Session{}).Error; err != nil {
		return err
	}
	return s.DB.WithContext(ctx).Where("expires_at < ?", now).Delete(&model.AuthState{}).Error
}

// SaveAuthState records a sign-in in progress.
func (s *Store) SaveAuthState(ctx context.Context, st *model.AuthState) error {
	return s.DB.WithContext(ctx).Create(st).Error
}

// TakeAuthState returns and deletes the sign-in in progress for state, so that a
// state can be used once only. An expired state is not found.
func (s *Store) TakeAuthState(ctx context.Context, state string) (*model.AuthState, error) {
	var st model.AuthState
	res := s.DB.WithContext(ctx).Where("state = ?", state).Take(&st)
	if err := notFound(res.Error); err != nil {
		return nil, err
	}
	del := s.DB.WithContext(ctx).Where("state = ?", state).Delete(&model.AuthState{})
	if del.Error != nil {
		return nil, del.Error
	}
	if del.RowsAffected == 0 || time.Now().After(st.ExpiresAt) {
		return nil, model.ErrNotFound // another request took it first, or it expired
	}
	return &st, nil
}
