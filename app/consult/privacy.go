package consult

import (
	"context"
	"strconv"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
)

// MyComment is one of the author's comments on /me, with where it was made.
type MyComment struct {
	model.Comment
	Consultation model.Consultation
	Paragraph    int  // the block's number in the version it was written against, 0 for the whole document
	Closed       bool // its consultation has closed, so it can no longer be edited or withdrawn
}

// MyCommentsPage is a page of the author's comments, newest first, with
// whether there are newer and older ones to page to.
type MyCommentsPage struct {
	Comments           []MyComment
	Total              int
	HasNewer, HasOlder bool
}

// MyCommentsPerPage is how many comments /me shows at once.
const MyCommentsPerPage = 20

// MyComments returns a page of u's comments, whatever their status: the newest
// when from is nil, else those just older than from, or just newer when newer
// is set (the newest of them may make a short page). A page is read by keyset,
// so every comment stays reachable by following the links however many there
// are, and each page costs the same fixed number of queries.
func (s *Service) MyComments(ctx context.Context, u *model.User, from *store.QueueCursor, newer bool) (*MyCommentsPage, error) {
	if u == nil { // a blocked person still reads their own comments
		return nil, model.ErrNotSignedIn
	}
	cs, err := s.Store.UserCommentsNear(ctx, u.ID, from, newer, MyCommentsPerPage+1)
	if err != nil {
		return nil, err
	}
	out := &MyCommentsPage{}
	switch {
	case newer && len(cs) <= MyCommentsPerPage:
		out.HasOlder = true // the newest ones, fewer than a page: nothing newer
	case newer:
		cs, out.HasNewer, out.HasOlder = cs[1:], true, true
	default:
		out.HasNewer, out.HasOlder = from != nil, len(cs) > MyCommentsPerPage
		cs = cs[:min(len(cs), MyCommentsPerPage)]
	}
	total, err := s.Store.CountUserComments(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out.Total = int(total)
	out.Comments, err = s.myContext(ctx, cs)
	return out, err
}

// myContext adds each comment's consultation and paragraph number, in two
// queries whatever the number of comments.
func (s *Service) myContext(ctx context.Context, cs []model.Comment) ([]MyComment, error) {
	consultationIDs, versionIDs, keys := []int64{}, []int64{}, []string{}
	for _, c := range cs {
		consultationIDs = append(consultationIDs, c.ConsultationID)
		versionIDs = append(versionIDs, c.VersionID)
		keys = append(keys, c.ReadKey()) // the number it had where its author read it
	}
	consultations, err := s.Store.ConsultationsByID(ctx, consultationIDs)
	if err != nil {
		return nil, err
	}
	blocks, err := s.Store.BlocksIn(ctx, versionIDs, keys)
	if err != nil {
		return nil, err
	}
	type ref struct {
		version int64
		key     string
	}
	numbers := map[ref]int{}
	for _, b := range blocks {
		numbers[ref{b.VersionID, b.Key}] = b.Number
	}
	out := make([]MyComment, 0, len(cs))
	for _, c := range cs {
		cons := consultations[c.ConsultationID]
		out = append(out, MyComment{Comment: c, Consultation: cons,
			Paragraph: numbers[ref{c.VersionID, c.ReadKey()}], Closed: cons.StatusAt(s.now()) == model.StatusClosed})
	}
	return out, nil
}

// DataExport is everything Pilcrow holds about one account, for "download my data".
type DataExport struct {
	ExportedAt time.Time       `json:"exported_at"`
	Account    ExportAccount   `json:"account"`
	Comments   []ExportComment `json:"comments"`
	Reports    []ExportReport  `json:"reports"`
	Answers    []ExportAnswer  `json:"answers"`
}

// ExportAccount is the account part of a data export.
type ExportAccount struct {
	ID            int64      `json:"id"`
	DisplayName   string     `json:"display_name"`
	Email         string     `json:"email"`
	SignInWith    string     `json:"sign_in_with"`
	Role          string     `json:"role"`
	CreatedAt     time.Time  `json:"created_at"`
	BlockedAt     *time.Time `json:"blocked_at,omitempty"`
	BlockedReason string     `json:"blocked_reason,omitempty"`
}

// ExportComment is one comment in a data export.
type ExportComment struct {
	ID               int64      `json:"id"`
	Consultation     string     `json:"consultation"`
	ParagraphKey     string     `json:"paragraph_key"`
	ParentID         *int64     `json:"parent_id,omitempty"`
	Body             string     `json:"body"`
	RespondingAs     string     `json:"responding_as"`
	Organisation     string     `json:"organisation,omitempty"`
	Publish          string     `json:"publish"`
	Stance           string     `json:"stance"`
	Status           string     `json:"status"`
	ModerationReason string     `json:"moderation_reason,omitempty"`
	ModerationNote   string     `json:"moderation_note,omitempty"`
	ModeratedAt      *time.Time `json:"moderated_at,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
}

// ExportReport is one report of a comment the account made.
type ExportReport struct {
	CommentID int64     `json:"comment_id"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportData gathers everything held about u.
func (s *Service) ExportData(ctx context.Context, u *model.User) (*DataExport, error) {
	if err := acting(u); err != nil {
		return nil, err
	}
	cs, _, err := s.Store.UserComments(ctx, u.ID, 0, 1<<30)
	if err != nil {
		return nil, err
	}
	ids := []int64{}
	for _, c := range cs {
		ids = append(ids, c.ConsultationID)
	}
	consultations, err := s.Store.ConsultationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	flags, err := s.Store.UserFlags(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	d := &DataExport{ExportedAt: s.now(), Comments: []ExportComment{}, Reports: []ExportReport{}, Account: ExportAccount{
		ID: u.ID, DisplayName: u.DisplayName, Email: u.Email, SignInWith: u.Provider, Role: string(u.Role),
		CreatedAt: u.CreatedAt.UTC(), BlockedAt: u.BlockedAt, BlockedReason: u.BlockedReason,
	}}
	for _, c := range cs {
		d.Comments = append(d.Comments, ExportComment{
			ID: c.ID, Consultation: consultations[c.ConsultationID].Slug, ParagraphKey: c.ParagraphKey, ParentID: c.ParentID,
			Body: c.Body, RespondingAs: c.RespondingAs, Organisation: c.Organisation, Publish: string(c.Publish),
			Stance: c.Stance, Status: string(c.Status), ModerationReason: c.ModerationReason,
			ModerationNote: c.ModerationNote, ModeratedAt: c.ModeratedAt, CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC(),
		})
	}
	for _, f := range flags {
		d.Reports = append(d.Reports, ExportReport{CommentID: f.CommentID, Reason: f.Reason, CreatedAt: f.CreatedAt.UTC()})
	}
	if d.Answers, err = s.exportAnswers(ctx, u); err != nil {
		return nil, err
	}
	return d, nil
}

// DeleteAccount deletes u's account and comments, as the privacy notice says,
// and records the fact (not the content) in the audit log.
func (s *Service) DeleteAccount(ctx context.Context, u *model.User) error {
	if err := acting(u); err != nil {
		return err
	}
	touched, err := s.Store.DeleteAccount(ctx, u.ID)
	if err != nil {
		return err
	}
	return s.Store.Audit(ctx, nil, "account.delete", "user", strconv.FormatInt(u.ID, 10), nil,
		map[string]any{"consultations": touched})
}
