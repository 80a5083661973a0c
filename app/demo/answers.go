package demo

import (
	"context"
	"fmt"
	"time"

	"pilcrow/app/consult"
	"pilcrow/app/model"
	"pilcrow/app/store"
)

// proseBlocks leaves out the question blocks.
func proseBlocks(bs []model.Block) []model.Block {
	var out []model.Block
	for _, b := range bs {
		if b.Kind != "question" {
			out = append(out, b)
		}
	}
	return out
}

// answer is one demo person's answers to the three questions, by question
// order: the network (one), what counts most (many) and anything else (text).
type answer struct {
	who      int
	org      string
	publish  model.Publish
	network  string
	why      string
	priority []string
	more     string
}

var answers = []answer{
	{who: 0, publish: named, network: "Agree", why: "The last half mile into town is the frightening part; separated tracks fix that.",
		priority: []string{"Its effect on road safety", "How many people are likely to use it"}, more: "Please build the station route first."},
	{who: 1, publish: named, network: "Agree", priority: []string{"How many people are likely to use it"}},
	{who: 2, publish: anon, network: "Don't know", why: "I would like to see the survey data before deciding.",
		priority: []string{"Whether we can secure funding for it"}},
	{who: 4, publish: named, network: "Agree", priority: []string{"Its effect on road safety", "Helping areas with high deprivation or poor health"},
		more: "Net zero by 2040 needs this plan built in five years, not ten."},
	{who: 5, publish: no, network: "Agree", why: "Cleaner air near schools matters to my family.",
		priority: []string{"Helping areas with high deprivation or poor health"}},
	{who: 6, publish: named, network: "Disagree", why: "Separated tracks will take parking the high street needs.",
		priority: []string{"The strength of local support"}},
	{who: 7, org: "Riverside Residents' Association", publish: named, network: "Agree",
		priority: []string{"Its effect on road safety", "The strength of local support"}, more: "Keep route C2 to the hospital high priority."},
	{who: 8, publish: anon, network: "Agree", priority: []string{"Its effect on road safety"}},
	{who: 9, publish: named, network: "Agree", priority: []string{"How many people are likely to use it", "Whether we can secure funding for it"}},
}

// seedAnswers stores the demo people's answers to the document's questions,
// their explanations as comments on the questions, as answering would.
func seedAnswers(ctx context.Context, st *store.Store, c *model.Consultation, v *model.DocumentVersion, opens time.Time) error {
	qs := consult.Questions(v)
	if len(qs) != 3 {
		return nil // the document no longer asks the demo's three questions
	}
	for i, a := range answers {
		u, err := st.UpsertUser(ctx, store.Identity{Provider: "demo", Subject: fmt.Sprintf("demo-%d", a.who+1),
			Email: people[a.who].email, Name: people[a.who].name, EmailVerified: true})
		if err != nil {
			return err
		}
		as := "individual"
		if a.org != "" {
			as = "organisation"
		}
		r := &model.Respondent{ConsultationID: c.ID, UserID: u.ID, RespondingAs: as, Organisation: a.org, Publish: a.publish}
		if err := st.SaveRespondent(ctx, r); err != nil {
			return err
		}
		at := opens.Add(time.Duration(i+1) * 7 * time.Hour)
		for q, choice := range [][]string{{a.network}, a.priority, nil} {
			text := []string{a.why, "", a.more}[q]
			if len(choice) == 0 && text == "" {
				continue
			}
			ans := &model.Answer{ConsultationID: c.ID, QuestionKey: qs[q].Key, UserID: u.ID, Choices: model.JoinChoices(choice), Language: "en"}
			if text != "" {
				cms := []model.Comment{{ConsultationID: c.ID, VersionID: v.ID, ParagraphKey: qs[q].Key, UserID: u.ID, Body: text,
					RespondingAs: as, Organisation: a.org, Publish: a.publish, Status: model.CommentApproved,
					SubmissionToken: fmt.Sprintf("demo-answer-%d-%d", i+1, q+1), CreatedAt: at, UpdatedAt: at}}
				if err := st.SeedComments(ctx, cms); err != nil {
					return err
				}
				ans.CommentID = &cms[0].ID
			}
			if err := st.SaveAnswer(ctx, ans); err != nil {
				return err
			}
		}
	}
	return nil
}
