package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"pilcrow/app/model"
)

// publicChoices are the publication choices that may appear on public surfaces.
var publicChoices = []model.Publish{model.PublishName, model.PublishAnonymous}

// InsertComment stores a new comment unless its author already sent one with the
// same submission token, in which case it returns that one and created=false: a
// double-click, a resubmitted form or a retried request stores one comment.
func (s *Store) InsertComment(ctx context.Context, c *model.Comment) (created bool, err error) {
	now := time.Now().UTC()
	c.CreatedAt, c.UpdatedAt = now, now
	if c.Language == "" {
		c.Language = model.English
	}
	if c.Channel == "" {
		c.Channel = "online"
	}
	res := s.DB.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "submission_token"}},
		DoNothing: true,
	}).Create(c)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 1 && c.ID != 0 {
		return true, nil
	}
	existing, err := s.CommentByToken(ctx, c.UserID, c.SubmissionToken)
	if err != nil {
		return false, err
	}
	*c = *existing
	return false, nil
}

// CreateComment stores a comment like InsertComment and, when bump is set and
// the comment is new, marks the consultation's public pages stale. On SQLite both
// happen in one transaction, so one write lock. On PostgreSQL the comment commits
// durably first and the revision is bumped after it without waiting for the disk:
// every new comment updates that one row, and holding its lock through a flush
// would queue all writers behind each other. A crash in between loses only the
// bump, and with it the cache entries of the instance that crashed.
//
// Once the comment has committed, a failed bump is not a failure to store it:
// it comes back as a *StaleError beside created=true, so the author is told the
// comment is stored (it is) and the caller can log the bump.
func (s *Store) CreateComment(ctx context.Context, c *model.Comment, bump bool) (bool, error) {
	return s.CreateCommentThen(ctx, c, bump, nil)
}

// CreateCommentThen is CreateComment that also runs then, when the comment is
// new, in the insert's transaction: the mail a new comment causes is queued with it.
func (s *Store) CreateCommentThen(ctx context.Context, c *model.Comment, bump bool, then func(tx *Store) error) (bool, error) {
	if s.Engine != Postgres || then != nil {
		var created bool
		err := s.Tx(ctx, func(tx *Store) error {
			var err error
			if created, err = tx.InsertComment(ctx, c); err != nil || !created {
				return err
			}
			if then != nil {
				if err := then(tx); err != nil {
					return err
				}
			}
			if !bump {
				return nil
			}
			return tx.BumpRevision(ctx, c.ConsultationID)
		})
		return created, err
	}
	created, err := s.InsertComment(ctx, c)
	if err != nil || !created || !bump {
		return created, err
	}
	// One statement, so the row is locked only while it runs; the CTE turns off
	// the wait for the disk for this statement's own transaction.
	err = s.DB.WithContext(ctx).Exec(`WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
		UPDATE consultations SET revision = revision + 1 FROM async WHERE id = ?`, c.ConsultationID).Error
	if err != nil {
		return true, &StaleError{ConsultationID: c.ConsultationID, Err: err}
	}
	return true, nil
}

// StaleError reports that a change committed but marking the consultation's
// cached pages stale failed afterwards. The change stands; the pages heal when
// their cache entries reach their age limit or the next change bumps the revision.
type StaleError struct {
	ConsultationID int64
	Err            error
}

func (e *StaleError) Error() string { return "marking cached pages stale: " + e.Err.Error() }

// Unwrap gives the underlying database error.
func (e *StaleError) Unwrap() error { return e.Err }

// CommentByToken returns the comment an author sent with a submission token.
func (s *Store) CommentByToken(ctx context.Context, userID int64, token string) (*model.Comment, error) {
	var c model.Comment
	err := s.DB.WithContext(ctx).Where("user_id = ? AND submission_token = ?", userID, token).Take(&c).Error
	return &c, notFound(err)
}

// Comment returns a comment by id.
func (s *Store) Comment(ctx context.Context, id int64) (*model.Comment, error) {
	var c model.Comment
	err := s.DB.WithContext(ctx).Take(&c, id).Error
	return &c, notFound(err)
}

// ParagraphComments returns a block's comments that the viewer may see, oldest
// first: the approved public ones, and the viewer's own pending or approved ones
// (viewerID 0 for nobody). An empty key means comments on the whole document.
func (s *Store) ParagraphComments(ctx context.Context, consultationID int64, key string, viewerID int64) ([]model.Comment, error) {
	var cs []model.Comment
	err := s.DB.WithContext(ctx).
		Where("consultation_id = ? AND paragraph_key = ?", consultationID, key).
		Where(s.DB.Where("status = ? AND publish IN ?", model.CommentApproved, publicChoices).
			Or("user_id = ? AND status IN ?", viewerID, []model.CommentStatus{model.CommentPending, model.CommentApproved})).
		Order("created_at, id").Find(&cs).Error
	return cs, err
}

// OwnParagraphComments returns the author's own comments on a block that the
// author may see (pending or approved, published or not), oldest first.
func (s *Store) OwnParagraphComments(ctx context.Context, consultationID int64, key string, userID int64) ([]model.Comment, error) {
	var cs []model.Comment
	err := s.DB.WithContext(ctx).
		Where("user_id = ? AND consultation_id = ? AND paragraph_key = ? AND status IN ?", userID, consultationID, key,
			[]model.CommentStatus{model.CommentPending, model.CommentApproved}).
		Order("created_at, id").Find(&cs).Error
	return cs, err
}

// PublicComments returns a consultation's approved public comments for open
// data: newest first when newest is set (feeds), otherwise by id after afterID
// (the JSON keyset). key nil means every paragraph.
func (s *Store) PublicComments(ctx context.Context, consultationID int64, key *string, afterID int64, limit int, newest bool) ([]model.Comment, error) {
	q := s.DB.WithContext(ctx).Where("consultation_id = ? AND status = ? AND publish IN ?",
		consultationID, model.CommentApproved, publicChoices)
	if key != nil {
		q = q.Where("paragraph_key = ?", *key)
	}
	if newest {
		q = q.Order("id DESC")
	} else {
		q = q.Where("id > ?", afterID).Order("id")
	}
	var cs []model.Comment
	err := q.Limit(limit).Find(&cs).Error
	return cs, err
}

// UserComments returns a page of the author's comments, newest first, and how
// many there are in all.
func (s *Store) UserComments(ctx context.Context, userID int64, offset, limit int) ([]model.Comment, int64, error) {
	var total int64
	q := s.DB.WithContext(ctx).Model(&model.Comment{}).Where("user_id = ?", userID)
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var cs []model.Comment
	err := s.DB.WithContext(ctx).Where("user_id = ?", userID).
		Order("created_at DESC, id DESC").Offset(offset).Limit(limit).Find(&cs).Error
	return cs, total, err
}

// CountSameBody counts the author's comments with exactly this body since an
// instant, to spot the same text pasted again and again.
func (s *Store) CountSameBody(ctx context.Context, userID int64, body string, since time.Time) (int64, error) {
	var n int64
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).
		Where("user_id = ? AND created_at >= ? AND body = ?", userID, since, body).Count(&n).Error
	return n, err
}

// UpdateComment writes the fields an author may change on a pending comment,
// only while it is still the author's and still pending; false when it was not.
func (s *Store) UpdateComment(ctx context.Context, c *model.Comment) (bool, error) {
	c.UpdatedAt = time.Now().UTC()
	res := s.DB.WithContext(ctx).Model(&model.Comment{}).
		Where("id = ? AND user_id = ? AND status = ?", c.ID, c.UserID, model.CommentPending).
		Updates(map[string]any{
			"body": c.Body, "responding_as": c.RespondingAs, "organisation": c.Organisation,
			"publish": c.Publish, "stance": c.Stance, "held_reason": c.HeldReason, "updated_at": c.UpdatedAt,
		})
	return res.RowsAffected == 1, res.Error
}

// WithdrawComment marks the author's comment withdrawn, unless it already is.
func (s *Store) WithdrawComment(ctx context.Context, id, userID int64) (bool, error) {
	res := s.DB.WithContext(ctx).Model(&model.Comment{}).
		Where("id = ? AND user_id = ? AND status <> ?", id, userID, model.CommentWithdrawn).
		Updates(map[string]any{"status": model.CommentWithdrawn, "updated_at": time.Now().UTC()})
	return res.RowsAffected == 1, res.Error
}

// BlocksByKey returns the text of a key's block in each of the versions, by
// version id, to tell which comments were written against different words.
func (s *Store) BlocksByKey(ctx context.Context, key string, versionIDs []int64) (map[int64]model.Block, error) {
	var bs []model.Block
	if err := s.DB.WithContext(ctx).Where("key = ? AND version_id IN ?", key, versionIDs).Find(&bs).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]model.Block, len(bs))
	for _, b := range bs {
		out[b.VersionID] = b
	}
	return out, nil
}

// LatestBlock returns the newest block with the key in any version of the
// consultation, with that version's number: a removed block stays readable.
func (s *Store) LatestBlock(ctx context.Context, consultationID int64, key string) (*model.Block, int, error) {
	var row struct {
		model.Block `gorm:"embedded"`
		Number      int `gorm:"column:version_number"`
	}
	err := s.DB.WithContext(ctx).Table("blocks").
		Select("blocks.*, document_versions.number AS version_number").
		Joins("JOIN document_versions ON document_versions.id = blocks.version_id").
		Where("document_versions.consultation_id = ? AND blocks.key = ?", consultationID, key).
		Order("document_versions.number DESC").Limit(1).Scan(&row).Error
	if err == nil && row.Block.ID == 0 {
		err = gorm.ErrRecordNotFound
	}
	return &row.Block, row.Number, notFound(err)
}

// UserNames returns the display names of the accounts, by id.
func (s *Store) UserNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	var us []model.User
	if err := s.DB.WithContext(ctx).Select("id, display_name").Where("id IN ?", ids).Find(&us).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(us))
	for _, u := range us {
		out[u.ID] = u.DisplayName
	}
	return out, nil
}

// DeleteAccount deletes an account with its comments, flags, sessions, second
// factors, recovery codes, email preferences and the mail addressed to it, and
// returns the consultations whose public pages changed. Other people's replies to
// the deleted comments are kept, as comments of their own; the flags the account
// raised are taken off the counts, so the flagged queue stays accurate.
func (s *Store) DeleteAccount(ctx context.Context, userID int64) ([]int64, error) {
	var touched []int64
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.DB.Model(&model.Comment{}).Distinct().Where("user_id = ?", userID).
			Pluck("consultation_id", &touched).Error; err != nil {
			return err
		}
		mine := tx.DB.Model(&model.Comment{}).Select("id").Where("user_id = ?", userID)
		if err := tx.DB.Model(&model.Comment{}).Where("parent_id IN (?)", mine).
			Update("parent_id", nil).Error; err != nil {
			return err
		}
		flagged := tx.DB.Model(&model.Flag{}).Select("comment_id").Where("user_id = ?", userID)
		if err := tx.DB.Model(&model.Comment{}).Where("id IN (?) AND flag_count > 0", flagged).
			Update("flag_count", gorm.Expr("flag_count - 1")).Error; err != nil {
			return err
		}
		if err := tx.deleteAccountRows(userID); err != nil {
			return err
		}
		for _, id := range touched {
			if err := tx.BumpRevision(ctx, id); err != nil {
				return err
			}
		}
		return nil
	})
	return touched, err
}

// BlocksIn returns the blocks with any of the keys in any of the versions, for
// showing paragraph numbers beside a page of comments.
func (s *Store) BlocksIn(ctx context.Context, versionIDs []int64, keys []string) ([]model.Block, error) {
	var bs []model.Block
	if len(versionIDs) == 0 || len(keys) == 0 {
		return bs, nil
	}
	err := s.DB.WithContext(ctx).Select("id, version_id, key, number, kind, section").
		Where("version_id IN ? AND key IN ?", versionIDs, keys).Find(&bs).Error
	return bs, err
}

// PublicCommentIDAt returns the id of the nth (from 0) approved public comment
// of a consultation in id order, to turn a page number into a keyset position.
func (s *Store) PublicCommentIDAt(ctx context.Context, consultationID int64, n int) (int64, error) {
	var ids []int64
	err := s.DB.WithContext(ctx).Model(&model.Comment{}).
		Where("consultation_id = ? AND status = ? AND publish IN ?", consultationID, model.CommentApproved, publicChoices).
		Order("id").Offset(n).Limit(1).Pluck("id", &ids).Error
	if err == nil && len(ids) == 0 {
		err = model.ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}
