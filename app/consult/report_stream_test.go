package consult_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// chunkWriter records the size of every write it receives.
type chunkWriter struct{ sizes []int }

func (w *chunkWriter) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return len(p), nil
}

// TestWriteCSVStreams: the export reaches its writer in bounded chunks as rows are
// read, never as one buffer holding every row.
func TestWriteCSVStreams(t *testing.T) {
	st := testutil.NewStore(t, store.SQLite)
	ctx := context.Background()
	c := &model.Consultation{Slug: "stream", Title: "Stream", Moderation: model.PreModeration}
	if err := st.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	v := &model.DocumentVersion{ConsultationID: c.ID, Markdown: "x", HTML: "<p>x</p>", PublishedAt: time.Now().UTC()}
	if err := st.CreateVersion(ctx, v, []model.Block{{Key: "k", Number: 1, Kind: "paragraph", Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	u := model.User{Provider: "dev", Subject: "s", DisplayName: "S", Role: model.RoleCitizen, CreatedAt: now, UpdatedAt: now}
	if err := st.DB.Create(&u).Error; err != nil {
		t.Fatal(err)
	}
	const n = 6000
	comments := make([]model.Comment, n)
	for i := range comments {
		comments[i] = model.Comment{ConsultationID: c.ID, VersionID: v.ID, ParagraphKey: "k", UserID: u.ID,
			Body:         fmt.Sprintf("Comment %d with enough words to make the row about a hundred and fifty bytes long, more or less.", i),
			RespondingAs: "individual", Publish: model.PublishName, Status: model.CommentApproved,
			SubmissionToken: fmt.Sprint(i), CreatedAt: now, UpdatedAt: now}
	}
	if err := st.DB.CreateInBatches(comments, 500).Error; err != nil {
		t.Fatal(err)
	}
	w := &chunkWriter{}
	reports := newReports(st)
	if err := reports.WriteCSV(ctx, c, store.ExportFilter{}, w); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range w.sizes {
		total += s
		if s > 64<<10 {
			t.Errorf("one write of %d bytes: the export is buffered, not streamed", s)
		}
	}
	if len(w.sizes) < 5 || total < n*100 {
		t.Errorf("%d writes, %d bytes in all", len(w.sizes), total)
	}
}
