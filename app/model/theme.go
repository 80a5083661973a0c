package model

import "time"

// Theme is one entry of a consultation's coding frame: what the analysts tag
// comments with. A theme may sit under a parent theme.
type Theme struct {
	ID             int64
	ConsultationID int64
	ParentID       *int64
	Name           string
	Description    string
	CreatedBy      *int64
	CreatedAt      time.Time
}

// CommentTheme tags one comment with one theme.
type CommentTheme struct {
	CommentID int64 `gorm:"primaryKey;autoIncrement:false"`
	ThemeID   int64 `gorm:"primaryKey;autoIncrement:false"`
	TaggedBy  *int64
	CreatedAt time.Time
}

// ThemeDismissal is a suggestion an analyst turned down.
type ThemeDismissal struct {
	CommentID   int64 `gorm:"primaryKey;autoIncrement:false"`
	ThemeID     int64 `gorm:"primaryKey;autoIncrement:false"`
	DismissedBy *int64
	CreatedAt   time.Time
}

// CommentNote is an analyst's internal note on a comment; the public never sees it.
type CommentNote struct {
	ID        int64
	CommentID int64
	UserID    *int64
	Body      string
	CreatedAt time.Time
}
