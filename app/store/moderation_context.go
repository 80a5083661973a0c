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

// QueueAuthor is a person named in the moderation queue: an author, the author
// replied to or the moderator who decided last.
type QueueAuthor struct {
	ID          int64
	DisplayName string
	Rejections  int // their rejected comments
}

// QueueAuthors returns each person's name and how many of their comments were
// rejected, in one query: the queue's page waits for each round trip to the
// database, and under load for a free connection before it.
func (s *Store) QueueAuthors(ctx context.Context, userIDs []int64) (map[int64]QueueAuthor, error) {
	out := map[int64]QueueAuthor{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []QueueAuthor
	err := s.DB.WithContext(ctx).Table("users AS u").
		Select("u.id, u.display_name, (SELECT COUNT(*) FROM comments c WHERE c.user_id = u.id AND c.status = ?) AS rejections", model.CommentRejected).
		Where("u.id IN ?", userIDs).Scan(&rows).Error
	for _, r := range rows {
		out[r.ID] = r
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
