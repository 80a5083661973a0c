package store

import (
	"context"
	"slices"

	"pilcrow/app/model"
)

// UserCommentsNear returns up to limit of the author's comments next to a
// position in their newest-first list: older than it, or newer than it when
// newer is set, and from the newest when there is no position. It reads by
// keyset on comments_user, never by OFFSET, so the hundredth page of someone
// with thousands of comments costs what the first does.
func (s *Store) UserCommentsNear(ctx context.Context, userID int64, from *QueueCursor, newer bool, limit int) ([]model.Comment, error) {
	q := s.DB.WithContext(ctx).Where("user_id = ?", userID)
	order := "created_at DESC, id DESC"
	switch {
	case from != nil && newer:
		t := from.CreatedAt.UTC()
		q, order = q.Where("(created_at > ? OR (created_at = ? AND id > ?))", t, t, from.ID), "created_at, id"
	case from != nil:
		t := from.CreatedAt.UTC()
		q = q.Where("(created_at < ? OR (created_at = ? AND id < ?))", t, t, from.ID)
	}
	var cs []model.Comment
	if err := q.Order(order).Limit(limit).Find(&cs).Error; err != nil {
		return nil, err
	}
	if from != nil && newer {
		slices.Reverse(cs)
	}
	return cs, nil
}

// CountUserComments counts the author's comments, whatever their status, from
// the comments_user index alone.
func (s *Store) CountUserComments(ctx context.Context, userID int64) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).Where("user_id = ?", userID).Count(&n).Error
	return n, err
}
