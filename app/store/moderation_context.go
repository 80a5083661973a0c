package store

import (
	"context"

	"pilcrow/app/model"
)

// BlockRef names a block of one document version.
type BlockRef struct {
	VersionID int64
	Key       string
}

// QueueBlocks loads the blocks that a page of comments refers to, in one query.
func (s *Store) QueueBlocks(ctx context.Context, refs []BlockRef) (map[BlockRef]model.Block, error) {
	out := map[BlockRef]model.Block{}
	if len(refs) == 0 {
		return out, nil
	}
	versions, keys := map[int64]bool{}, map[string]bool{}
	for _, r := range refs {
		versions[r.VersionID], keys[r.Key] = true, true
	}
	var bs []model.Block
	err := s.DB.WithContext(ctx).Where("version_id IN ? AND key IN ?", setKeys(versions), setKeys(keys)).Find(&bs).Error
	for _, b := range bs {
		out[BlockRef{b.VersionID, b.Key}] = b
	}
	return out, err
}

// QueueRejections returns how many rejected comments each author has, in one query.
func (s *Store) QueueRejections(ctx context.Context, userIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		UserID int64
		N      int
	}
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).Select("user_id, COUNT(*) AS n").
		Where("user_id IN ? AND status = ?", userIDs, model.CommentRejected).Group("user_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.UserID] = r.N
	}
	return out, err
}

// QueueFlags loads the flags of a page of comments, oldest first, in one query.
func (s *Store) QueueFlags(ctx context.Context, commentIDs []int64) (map[int64][]model.Flag, error) {
	out := map[int64][]model.Flag{}
	if len(commentIDs) == 0 {
		return out, nil
	}
	var fs []model.Flag
	err := s.DB.WithContext(ctx).Where("comment_id IN ?", commentIDs).Order("created_at, id").Find(&fs).Error
	for _, f := range fs {
		out[f.CommentID] = append(out[f.CommentID], f)
	}
	return out, err
}

// ModerationCounts is one consultation's line on the admin home page.
type ModerationCounts struct {
	ConsultationID                       int64
	Pending, Flagged, Approved, Rejected int
	OldestPending                        DBTime
}

// ModerationSummary counts every consultation's comments by state in one grouped
// query, with the creation time of each one's oldest pending comment.
func (s *Store) ModerationSummary(ctx context.Context) (map[int64]ModerationCounts, error) {
	var rows []ModerationCounts
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).Select(`consultation_id,
		SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
		SUM(CASE WHEN flag_count > 0 AND status IN ('pending', 'approved') THEN 1 ELSE 0 END) AS flagged,
		SUM(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) AS approved,
		SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS rejected,
		MIN(CASE WHEN status = 'pending' THEN created_at END) AS oldest_pending`).
		Group("consultation_id").Scan(&rows).Error
	out := make(map[int64]ModerationCounts, len(rows))
	for _, r := range rows {
		out[r.ConsultationID] = r
	}
	return out, err
}

func setKeys[K comparable](m map[K]bool) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
