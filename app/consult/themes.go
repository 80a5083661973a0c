package consult

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// Limits of the coding frame's text.
const (
	maxThemeName        = 80
	maxThemeDescription = 500
	maxNote             = 2000
	// MaxTagIDs bounds one bulk tagging, like MaxDecideIDs for moderation.
	MaxTagIDs = 500
)

// ThemeInput is a new theme as an analyst typed it.
type ThemeInput struct {
	Name, Description string
	Parent            string // the parent theme's name, or ""
}

// canAnalyse reports whether u may change the coding frame: analysts and admins.
func canAnalyse(u *model.User) bool { return u.Can(model.RoleAnalyst) && !u.Blocked() }

// cleanText trims s and reports whether it fits max characters without controls
// other than line breaks.
func cleanText(s string, max int, lines bool) (string, bool) {
	s = strings.TrimSpace(s)
	ok := utf8.ValidString(s) && utf8.RuneCountInString(s) <= max && strings.IndexFunc(s, func(r rune) bool {
		return model.IsControl(r) && !(lines && (r == '\n' || r == '\r' || r == '\t'))
	}) < 0
	return s, ok
}

// CreateTheme adds a theme to the consultation's coding frame.
func (s *Reports) CreateTheme(ctx context.Context, u *model.User, c *model.Consultation, in ThemeInput) (*model.Theme, error) {
	if !canAnalyse(u) {
		return nil, model.ErrForbidden
	}
	fe := model.FieldErrors{}
	name, ok := cleanText(in.Name, maxThemeName, false)
	switch {
	case name == "":
		fe["name"] = "analysts.themes.error.name.missing"
	case !ok:
		fe["name"] = "analysts.themes.error.name.invalid"
	}
	desc, ok := cleanText(in.Description, maxThemeDescription, true)
	if !ok {
		fe["description"] = "analysts.themes.error.description.invalid"
	}
	t := &model.Theme{ConsultationID: c.ID, Name: name, Description: desc, CreatedBy: &u.ID}
	if p := strings.TrimSpace(in.Parent); p != "" {
		frame, err := s.Store.Themes(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(frame, func(x model.Theme) bool { return x.Name == p })
		if i < 0 {
			fe["parent"] = "analysts.themes.error.parent"
		} else {
			t.ParentID = &frame[i].ID
		}
	}
	if len(fe) > 0 {
		return nil, fe
	}
	err := s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateTheme(ctx, t); err != nil {
			return err
		}
		return tx.Audit(ctx, &u.ID, "theme.create", "consultation", c.Slug, nil,
			map[string]any{"id": t.ID, "name": t.Name, "description": t.Description, "parent": in.Parent})
	})
	if errors.Is(err, model.ErrConflict) {
		return nil, model.FieldErrors{"name": "analysts.themes.error.name.taken"}
	}
	return t, err
}

// Themes returns the consultation's coding frame in name order.
func (s *Reports) Themes(ctx context.Context, c *model.Consultation) ([]model.Theme, error) {
	return s.Store.Themes(ctx, c.ID)
}

// themeIDs maps theme names to ids in the frame; an unknown name is a field error.
func themeIDs(frame []model.Theme, names []string) ([]int64, error) {
	var ids []int64
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		i := slices.IndexFunc(frame, func(t model.Theme) bool { return t.Name == n })
		if i < 0 {
			return nil, model.FieldErrors{"theme": "analysts.themes.error.unknown"}
		}
		if !slices.Contains(ids, frame[i].ID) {
			ids = append(ids, frame[i].ID)
		}
	}
	return ids, nil
}

// themeNames returns the names of the ids, in the frame's order.
func themeNames(frame []model.Theme, ids []int64) []string {
	names := []string{}
	for _, t := range frame {
		if slices.Contains(ids, t.ID) {
			names = append(names, t.Name)
		}
	}
	return names
}

// SetCommentThemes replaces a comment's themes with the named ones.
func (s *Reports) SetCommentThemes(ctx context.Context, u *model.User, commentID int64, names []string) error {
	if !canAnalyse(u) {
		return model.ErrForbidden
	}
	cm, err := s.Store.Comment(ctx, commentID)
	if err != nil {
		return err
	}
	frame, err := s.Store.Themes(ctx, cm.ConsultationID)
	if err != nil {
		return err
	}
	ids, err := themeIDs(frame, names)
	if err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		before, err := tx.CommentThemeIDs(ctx, []int64{commentID})
		if err != nil {
			return err
		}
		if err := tx.SetCommentThemes(ctx, commentID, ids, u.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, &u.ID, "comment.themes", "comment", strconv.FormatInt(commentID, 10),
			map[string]any{"themes": themeNames(frame, before[commentID])}, map[string]any{"themes": themeNames(frame, ids)})
	})
}

// TagComments adds one theme to many comments of the consultation at once, as
// chosen from a search result.
func (s *Reports) TagComments(ctx context.Context, u *model.User, c *model.Consultation, ids []int64, theme string) (int, error) {
	if !canAnalyse(u) {
		return 0, model.ErrForbidden
	}
	if len(ids) == 0 {
		return 0, model.FieldErrors{"ids": "analysts.themes.error.none"}
	}
	if len(ids) > MaxTagIDs {
		return 0, model.ErrInvalidInput
	}
	frame, err := s.Store.Themes(ctx, c.ID)
	if err != nil {
		return 0, err
	}
	tids, err := themeIDs(frame, []string{theme})
	if err != nil {
		return 0, err
	}
	if len(tids) == 0 {
		return 0, model.FieldErrors{"theme": "analysts.themes.error.choose"}
	}
	comments, err := s.Store.CommentsByID(ctx, ids)
	if err != nil {
		return 0, err
	}
	var mine []int64
	for _, id := range ids {
		if cm, ok := comments[id]; ok && cm.ConsultationID == c.ID && !slices.Contains(mine, id) {
			mine = append(mine, id)
		}
	}
	err = s.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.TagComments(ctx, mine, tids, u.ID); err != nil {
			return err
		}
		return tx.Audit(ctx, &u.ID, "comments.tag", "consultation", c.Slug, nil,
			map[string]any{"theme": theme, "comments": mine})
	})
	return len(mine), err
}

// AnalystComment is one comment as an analyst sees it, with its themes and notes.
type AnalystComment struct {
	Comment      *model.Comment
	Consultation *model.Consultation
	Author       string
	Frame        []model.Theme
	ThemeIDs     []int64
	Notes        []NoteView
}

// NoteView is a note with its writer's name.
type NoteView struct {
	model.CommentNote
	Author string
}

// Comment gathers what the analyst's comment page shows.
func (s *Reports) Comment(ctx context.Context, u *model.User, id int64) (*AnalystComment, error) {
	if !canAnalyse(u) {
		return nil, model.ErrForbidden
	}
	cm, err := s.Store.Comment(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &AnalystComment{Comment: cm}
	cons, err := s.Store.ConsultationsByID(ctx, []int64{cm.ConsultationID})
	if err != nil {
		return nil, err
	}
	cc := cons[cm.ConsultationID]
	v.Consultation = &cc
	if v.Frame, err = s.Store.Themes(ctx, cm.ConsultationID); err != nil {
		return nil, err
	}
	tags, err := s.Store.CommentThemeIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	v.ThemeIDs = tags[id]
	notes, err := s.Store.Notes(ctx, id)
	if err != nil {
		return nil, err
	}
	userIDs := []int64{cm.UserID}
	for _, n := range notes {
		if n.UserID != nil {
			userIDs = append(userIDs, *n.UserID)
		}
	}
	users, err := s.Store.UsersByID(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	v.Author = users[cm.UserID].DisplayName
	for _, n := range notes {
		nv := NoteView{CommentNote: n}
		if n.UserID != nil {
			nv.Author = users[*n.UserID].DisplayName
		}
		v.Notes = append(v.Notes, nv)
	}
	return v, nil
}

// AddNote keeps an analyst's internal note on a comment.
func (s *Reports) AddNote(ctx context.Context, u *model.User, commentID int64, body string) error {
	if !canAnalyse(u) {
		return model.ErrForbidden
	}
	text, ok := cleanText(body, maxNote, true)
	switch {
	case text == "":
		return model.FieldErrors{"note": "analysts.themes.error.note.missing"}
	case !ok:
		return model.FieldErrors{"note": "analysts.themes.error.note.invalid"}
	}
	if _, err := s.Store.Comment(ctx, commentID); err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx *store.Store) error {
		n := &model.CommentNote{CommentID: commentID, UserID: &u.ID, Body: text}
		if err := tx.AddNote(ctx, n); err != nil {
			return err
		}
		return tx.Audit(ctx, &u.ID, "comment.note", "comment", strconv.FormatInt(commentID, 10), nil,
			map[string]any{"note": n.ID, "text": text})
	})
}
