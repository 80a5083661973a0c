package store

import (
	"context"
	"time"

	"pilcrow/app/model"
)

// CreateSession stores a new signed-in session under the hash of its token,
// unless its account is blocked (model.ErrBlocked). The check and the insert
// are one transaction, and every way of signing in ends here, so no path into
// a session can skip it; Block takes the same row lock before it ends sessions.
func (s *Store) CreateSession(ctx context.Context, sess *model.Session) error {
	return s.Tx(ctx, func(tx *Store) error {
		u, err := tx.LockUser(ctx, sess.UserID)
		if err != nil {
			return err
		}
		if u.Blocked() {
			return model.ErrBlocked
		}
		if u.Offline() { // entered by an official on someone's behalf: nobody signs in as them
			return model.ErrForbidden
		}
		return tx.DB.WithContext(ctx).Create(sess).Error
	})
}

// sessionRow is a session and its account, read in one query.
type sessionRow struct {
	model.User        `gorm:"embedded"`
	SessionCreatedAt  time.Time
	SessionExpiresAt  time.Time
	SessionLastSeenAt *time.Time
	SecondFactor      string
	SecondFactorAt    *time.Time
	Ceremony          string
}

// SessionUser returns the unexpired session of tokenHash with its account, in
// one query. A blocked account has no session.
func (s *Store) SessionUser(ctx context.Context, tokenHash string, now time.Time) (*model.SignedIn, error) {
	var r sessionRow
	err := s.DB.WithContext(ctx).Table("users").
		Select("users.*, sessions.created_at AS session_created_at, sessions.expires_at AS session_expires_at, sessions.last_seen_at AS session_last_seen_at, "+
			"sessions.second_factor, sessions.second_factor_at, sessions.ceremony").
		Joins("JOIN sessions ON sessions.user_id = users.id").
		Where("sessions.token_hash = ? AND sessions.expires_at > ? AND users.blocked_at IS NULL", tokenHash, now.UTC()).
		Take(&r).Error
	if err != nil {
		return nil, notFound(err)
	}
	u := r.User
	return &model.SignedIn{User: &u, Session: model.Session{TokenHash: tokenHash, UserID: u.ID,
		CreatedAt: r.SessionCreatedAt.UTC(), ExpiresAt: r.SessionExpiresAt.UTC(), LastSeenAt: r.SessionLastSeenAt,
		SecondFactor: r.SecondFactor, SecondFactorAt: r.SecondFactorAt, Ceremony: r.Ceremony}}, nil
}

// TouchSession records a request on the session, for the idle timeout.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	return s.DB.WithContext(ctx).Model(&model.Session{}).Where("token_hash = ?", tokenHash).
		Update("last_seen_at", now.UTC()).Error
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
