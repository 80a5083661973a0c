package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// Identity is what a sign-in provider vouches for.
type Identity struct {
	Provider, Subject, Email, Name string
	EmailVerified                  bool
	// SecondFactor is the provider's own claim that the person proved a second
	// factor (its amr or acr), or "dev" for the development sign-in; "" when none.
	SecondFactor string
}

// UpsertUser finds the account for (provider, subject), creating it at first sign-in,
// and refreshes the email the provider gives. The display name is set only at
// creation: afterwards it belongs to its owner.
func (s *Store) UpsertUser(ctx context.Context, id Identity) (*model.User, error) {
	now := time.Now().UTC()
	u := model.User{
		Provider: id.Provider, Subject: id.Subject, Email: id.Email, EmailVerified: id.EmailVerified,
		DisplayName: displayName(id), Role: model.RoleCitizen, CreatedAt: now, UpdatedAt: now,
	}
	err := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "provider"}, {Name: "subject"}},
		DoUpdates: clause.Assignments(map[string]any{"email": id.Email, "email_verified": id.EmailVerified, "updated_at": now}),
	}).Create(&u).Error
	if err != nil {
		return nil, err
	}
	return s.UserBySubject(ctx, id.Provider, id.Subject)
}

// displayName is the name a new account starts with. A provider's name is
// outside text: it is made valid UTF-8, rid of control characters (which
// corrupt pages, feeds and exports) and cut to the 100 characters a person
// may choose on /account.
func displayName(id Identity) string {
	if n := cleanName(id.Name); n != "" {
		return n
	}
	if at := strings.IndexByte(id.Email, '@'); at > 0 && cleanName(id.Email[:at]) != "" {
		return cleanName(id.Email[:at])
	}
	return "Anonymous"
}

func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case model.IsControl(r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, "\uFFFD"))
	if r := []rune(strings.TrimSpace(name)); len(r) > model.MaxDisplayName {
		name = string(r[:model.MaxDisplayName])
	}
	return strings.TrimSpace(name)
}

// UserBySubject returns the account of a provider's subject.
func (s *Store) UserBySubject(ctx context.Context, provider, subject string) (*model.User, error) {
	var u model.User
	err := s.DB.WithContext(ctx).Where("provider = ? AND subject = ?", provider, subject).Take(&u).Error
	return &u, notFound(err)
}

// User returns an account by id.
func (s *Store) User(ctx context.Context, id int64) (*model.User, error) {
	var u model.User
	err := s.DB.WithContext(ctx).Take(&u, id).Error
	return &u, notFound(err)
}

// UsersByEmail returns the accounts whose provider-given email matches, any case.
func (s *Store) UsersByEmail(ctx context.Context, email string) ([]model.User, error) {
	var us []model.User
	err := s.DB.WithContext(ctx).Where("lower(email) = ?", strings.ToLower(email)).Order("id").Find(&us).Error
	return us, err
}

// SetRole changes an account's role.
func (s *Store) SetRole(ctx context.Context, userID int64, role model.Role) error {
	return s.DB.WithContext(ctx).Model(&model.User{}).Where("id = ?", userID).
		Updates(map[string]any{"role": role, "updated_at": time.Now().UTC()}).Error
}

// SetSubject moves an account to a new key at its provider.
func (s *Store) SetSubject(ctx context.Context, userID int64, subject string) error {
	return s.DB.WithContext(ctx).Model(&model.User{}).Where("id = ?", userID).
		Updates(map[string]any{"subject": subject, "updated_at": time.Now().UTC()}).Error
}

// SetDisplayName changes the name an account goes by.
func (s *Store) SetDisplayName(ctx context.Context, userID int64, name string) error {
	return s.DB.WithContext(ctx).Model(&model.User{}).Where("id = ?", userID).
		Updates(map[string]any{"display_name": name, "updated_at": time.Now().UTC()}).Error
}

// DeleteUser removes an account row; used for the placeholder accounts that
// `pilcrow users grant` makes, once a real account has taken their role.
func (s *Store) DeleteUser(ctx context.Context, userID int64) error {
	return s.DB.WithContext(ctx).Delete(&model.User{}, userID).Error
}

// notFound turns GORM's record-not-found into the domain's ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return model.ErrNotFound
	}
	return err
}
