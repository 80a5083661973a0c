package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestParseSearch(t *testing.T) {
	cases := map[string][]store.SearchTerm{
		"":                        nil,
		`  "" !! `:                nil,
		"Bike LANES":              {{"bike"}, {"lanes"}},
		`"cycle lanes" ŵyr`:       {{"cycle", "lanes"}, {"wyr"}},
		`don't "unclosed phrase`:  {{"don"}, {"t"}, {"unclosed", "phrase"}},
		`a'b) OR NEAR(x* "y"`:     {{"a"}, {"b"}, {"or"}, {"near"}, {"x"}, {"y"}},
		"Ysgol Gymraeg Llanfair…": {{"ysgol"}, {"gymraeg"}, {"llanfair"}},
	}
	for q, want := range cases {
		t.Run(q, func(t *testing.T) {
			got := store.ParseSearch(q)
			if len(got) != len(want) {
				t.Fatalf("ParseSearch(%q) = %q, want %q", q, got, want)
			}
			for i := range got {
				if !slices.Equal(got[i], want[i]) {
					t.Errorf("term %d = %q, want %q", i, got[i], want[i])
				}
			}
		})
	}
}

// TestSearchComments checks words, phrases, Welsh letters, every filter, paging,
// and that the index follows edits and deletions and never finds withdrawn
// comments or another consultation's.
func TestSearchComments(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		ctx := context.Background()
		st := testutil.NewStore(t, engine)
		f := testutil.NewModerationFixture(t, st, nil, "search", model.PostModeration)
		other := testutil.NewModerationFixture(t, st, f.Service, "elsewhere", model.PostModeration)
		ann := f.User("Ann", "ann@example.test", model.RoleCitizen)
		base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		at := func(day int, edit func(*model.Comment)) func(*model.Comment) {
			return func(c *model.Comment) {
				c.CreatedAt = base.AddDate(0, 0, day)
				if edit != nil {
					edit(c)
				}
			}
		}
		lanes := f.Comment(ann, "Protected cycle lanes would make me ride to work.", at(0, nil))
		welsh := f.Comment(ann, "Mae angen lonydd beicio ar bob ffordd i'r ysgol, meddai'r ŵyr.", at(1, func(c *model.Comment) {
			c.Stance, c.RespondingAs, c.Organisation, c.Language = "agree", "organisation", "Beicio Cymru", "cy"
		}))
		parking := f.Comment(ann, "Ban pavement parking: lanes of cars block the way.", at(2, func(c *model.Comment) {
			c.ParagraphKey, c.Status, c.Stance, c.Channel = f.Paragraph(2).Key, model.CommentApproved, "disagree", "post"
		}))
		withdrawn := f.Comment(ann, "Cycle lanes are a waste.", at(3, func(c *model.Comment) { c.Status = model.CommentWithdrawn }))
		other.Comment(ann, "Cycle lanes elsewhere.")
		_ = withdrawn

		search := func(sf store.SearchFilter) []int64 {
			t.Helper()
			sf.ConsultationID = f.Consultation.ID
			sf.Limit = 100
			cs, err := st.SearchComments(ctx, sf)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			return ids
		}
		q := store.ParseSearch
		day := func(d int) *time.Time { t := base.AddDate(0, 0, d); return &t }
		cases := []struct {
			name string
			f    store.SearchFilter
			want []int64
		}{
			{"everything but withdrawn, newest first", store.SearchFilter{}, []int64{parking.ID, welsh.ID, lanes.ID}},
			{"a word in any case", store.SearchFilter{Terms: q("LANES")}, []int64{parking.ID, lanes.ID}},
			{"all words", store.SearchFilter{Terms: q("lanes cycle")}, []int64{lanes.ID}},
			{"a phrase", store.SearchFilter{Terms: q(`"cycle lanes"`)}, []int64{lanes.ID}},
			{"words out of the phrase's order", store.SearchFilter{Terms: q(`"lanes cycle"`)}, nil},
			{"Welsh without the circumflex", store.SearchFilter{Terms: q("wyr")}, []int64{welsh.ID}},
			{"Welsh with it", store.SearchFilter{Terms: q("ŵyr beicio")}, []int64{welsh.ID}},
			{"no substring matches", store.SearchFilter{Terms: q("lane")}, nil},
			{"withdrawn by status is refused as nothing", store.SearchFilter{Terms: q("waste")}, nil},
			{"paragraph", store.SearchFilter{Terms: q("lanes"), ParagraphKey: f.Paragraph(2).Key}, []int64{parking.ID}},
			{"stance", store.SearchFilter{Stance: "agree"}, []int64{welsh.ID}},
			{"organisation", store.SearchFilter{RespondingAs: "organisation"}, []int64{welsh.ID}},
			{"status", store.SearchFilter{Status: model.CommentApproved}, []int64{parking.ID}},
			{"date range", store.SearchFilter{From: day(1), To: day(2)}, []int64{welsh.ID}},
			{"filters combine", store.SearchFilter{Terms: q("lanes"), Status: model.CommentPending}, []int64{lanes.ID}},
			{"language", store.SearchFilter{Language: "cy"}, []int64{welsh.ID}},
			{"English", store.SearchFilter{Language: "en", Terms: q("lanes")}, []int64{parking.ID, lanes.ID}},
			{"channel", store.SearchFilter{Channel: "post"}, []int64{parking.ID}},
			{"online", store.SearchFilter{Channel: "online"}, []int64{welsh.ID, lanes.ID}},
			{"every filter at once", store.SearchFilter{Terms: q("lanes"), ParagraphKey: f.Paragraph(2).Key, Stance: "disagree",
				RespondingAs: "individual", Language: "en", Channel: "post", Status: model.CommentApproved, From: day(2), To: day(3)},
				[]int64{parking.ID}},
			{"one filter off", store.SearchFilter{Terms: q("lanes"), Channel: "post", Language: "cy"}, nil},
			{"ids", store.SearchFilter{IDs: []int64{lanes.ID, withdrawn.ID}}, []int64{lanes.ID}},
			{"no ids", store.SearchFilter{IDs: []int64{}}, nil},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				if got := search(c.f); !slices.Equal(got, c.want) {
					t.Errorf("got %v, want %v", got, c.want)
				}
			})
		}

		// Paging by keyset returns each match once.
		var paged []int64
		sf := store.SearchFilter{ConsultationID: f.Consultation.ID, Limit: 1}
		for range 10 {
			cs, err := st.SearchComments(ctx, sf)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 {
				break
			}
			paged = append(paged, cs[0].ID)
			sf.After = &store.QueueCursor{CreatedAt: cs[0].CreatedAt, ID: cs[0].ID}
		}
		if want := []int64{parking.ID, welsh.ID, lanes.ID}; !slices.Equal(paged, want) {
			t.Errorf("paged %v, want %v", paged, want)
		}

		// The index follows moderation and withdrawal: the status filter reads it.
		if err := st.DB.Model(&model.Comment{}).Where("id = ?", welsh.ID).Update("status", model.CommentRejected).Error; err != nil {
			t.Fatal(err)
		}
		if got := search(store.SearchFilter{Status: model.CommentRejected, Language: "cy"}); !slices.Equal(got, []int64{welsh.ID}) {
			t.Errorf("rejected: %v", got)
		}
		if ok, err := st.WithdrawComment(ctx, welsh.ID, ann.ID); err != nil || !ok {
			t.Fatalf("withdraw: %v %v", ok, err)
		}
		if got := search(store.SearchFilter{Terms: q("wyr")}); got != nil {
			t.Errorf("withdrawn comment found: %v", got)
		}

		// The index follows an edit in the same transaction, and a deletion.
		lanes.Body = "Wider pavements instead, please."
		if ok, err := st.UpdateComment(ctx, lanes); err != nil || !ok {
			t.Fatalf("update: %v %v", ok, err)
		}
		if got := search(store.SearchFilter{Terms: q("cycle")}); got != nil {
			t.Errorf("old words still found after an edit: %v", got)
		}
		if got := search(store.SearchFilter{Terms: q("pavements")}); !slices.Equal(got, []int64{lanes.ID}) {
			t.Errorf("new words after an edit: %v", got)
		}
		if err := st.DB.Delete(&model.Comment{}, parking.ID).Error; err != nil {
			t.Fatal(err)
		}
		if got := search(store.SearchFilter{Terms: q("parking")}); got != nil {
			t.Errorf("deleted comment found: %v", got)
		}
		if n, err := st.CountSearch(ctx, store.SearchFilter{ConsultationID: f.Consultation.ID, Terms: q("pavements")}, 10); err != nil || n != 1 {
			t.Errorf("count = %d, %v", n, err)
		}
	})
}
