package consult

import (
	"context"

	"pilcrow/app/model"
)

// The privacy and visibility rules, each in one function that every surface
// calls: the document and paragraph pages, the Atom feeds, the open-data JSON,
// /me and the reports. A comment is public only when approved and published
// with or without its author's name; the name is shown only when its author
// chose "name", or to the author themself.

// PubliclyVisible reports whether anyone may see the comment.
func PubliclyVisible(c *model.Comment) bool {
	return c.Status == model.CommentApproved && c.Publish.Public()
}

// VisibleTo reports whether viewerID (0 for nobody signed in) may see the comment.
func VisibleTo(c *model.Comment, viewerID int64) bool {
	return PubliclyVisible(c) || (viewerID != 0 && c.UserID == viewerID)
}

// AuthorShownTo reports whether viewerID (0 for nobody signed in) may see the
// comment's author's name.
func AuthorShownTo(c *model.Comment, viewerID int64) bool {
	return c.Publish == model.PublishName || (viewerID != 0 && c.UserID == viewerID)
}

// PublicAuthors returns, per comment id, the author's name where the public
// may see it; a comment published without its name has no entry.
func (s *Service) PublicAuthors(ctx context.Context, cs []model.Comment) (map[int64]string, error) {
	ids := []int64{}
	for i := range cs {
		if AuthorShownTo(&cs[i], 0) {
			ids = append(ids, cs[i].UserID)
		}
	}
	users, err := s.Store.UserNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ids))
	for i := range cs {
		if AuthorShownTo(&cs[i], 0) {
			out[cs[i].ID] = users[cs[i].UserID]
		}
	}
	return out, nil
}

// PublicConsultation returns the consultation for surfaces that anyone may
// read without signing in, such as feeds and open data: a draft is not found.
func (s *Service) PublicConsultation(ctx context.Context, slug string) (*model.Consultation, error) {
	return s.ForReader(ctx, slug, nil)
}
