package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"pilcrow/app/i18n"
	"pilcrow/app/model"
	"pilcrow/app/testutil"
	viewfs "pilcrow/views"
)

var bilingual = map[string]string{"PILCROW_LANGUAGES": "en,cy"}

// fmtVerb splits catalogue messages into their literal parts.
var fmtVerb = regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(\.\d+)?[a-zA-Z%]`)

// englishPhrases is every literal part of the English catalogue that a Welsh page
// must not show: parts of 12 characters or more (shorter ones are names and tokens
// such as "CSV", "GitHub" or "Beta") that the Welsh catalogue does not also use.
func englishPhrases(t *testing.T) []string {
	t.Helper()
	cat, err := i18n.Load(viewfs.FS)
	if err != nil {
		t.Fatal(err)
	}
	en, cy := cat.Messages("en"), cat.Messages("cy")
	var welsh strings.Builder
	for _, m := range cy {
		welsh.WriteString(m + "\n")
	}
	var out []string
	for k, m := range en {
		if cy[k] == m {
			continue
		}
		for _, part := range fmtVerb.Split(m, -1) {
			for _, para := range strings.Split(part, "\n\n") {
				para = strings.Join(strings.Fields(para), " ")
				if utf8.RuneCountInString(para) >= 12 && !strings.Contains(welsh.String(), para) {
					out = append(out, para)
				}
			}
		}
	}
	return out
}

// checkWelshPage fails when a page is not marked Welsh or shows English text of the catalogue.
func checkWelshPage(t *testing.T, name string, r *testutil.Response, phrases []string) {
	t.Helper()
	if r.Doc == nil {
		t.Errorf("%s: not HTML (%d)", name, r.StatusCode)
		return
	}
	if lang, _ := r.Doc.Find("html").Attr("lang"); lang != "cy" {
		t.Errorf("%s: <html lang=%q>, want cy", name, lang)
	}
	text := strings.Join(strings.Fields(r.Doc.Find("body").Text()), " ")
	r.Doc.Find("[aria-label]").Each(func(_ int, s *goquery.Selection) {
		text += " " + s.AttrOr("aria-label", "")
	})
	for _, p := range phrases {
		if strings.Contains(text, p) {
			t.Errorf("%s: English left on the Welsh page: %q", name, p)
		}
	}
}

// welshClient returns a client that chose Welsh with ?lang=cy, signed in with role
// when role is not empty.
func welshClient(t *testing.T, a *testutil.TestApp, name, role string) *testutil.Client {
	t.Helper()
	cl := a.Client(t)
	cl.Get("/?lang=cy").Expect(t, http.StatusOK)
	if role != "" {
		cl.SignIn(name, strings.ToLower(name)+"@example.test", role)
	}
	return cl
}

// TestEveryPageInWelsh renders every page of the role-by-route table, and the
// public pages, in Welsh: each says lang="cy" and shows no English sentence of
// the catalogue.
func TestEveryPageInWelsh(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, bilingual)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "cynllun", model.PreModeration)
		phrases := englishPhrases(t)
		// The check must be able to fail: the English home page shows several phrases.
		enHome := strings.Join(strings.Fields(a.Client(t).Get("/?lang=en").Doc.Find("body").Text()), " ")
		found := 0
		for _, p := range phrases {
			if strings.Contains(enHome, p) {
				found++
			}
		}
		if len(phrases) < 300 || found < 5 {
			t.Fatalf("%d phrases, %d of them on the English home page: the check is too weak", len(phrases), found)
		}
		adminCl := welshClient(t, a, "Gweinyddwr", "admin")
		citizenID := accountID(t, a, "gweinyddwr@example.test")
		key := f.Paragraph(0).Key
		public := []string{"/", "/consultations/cynllun", "/consultations/cynllun/paragraphs/" + key,
			"/consultations/cynllun/respond", "/consultations/cynllun/versions", "/consultations/cynllun/versions/1",
			"/me", "/account", "/privacy", "/accessibility", "/cookies", "/house-rules", "/auth/sign-in",
			"/consultations/no-such-thing"}
		for _, path := range public {
			checkWelshPage(t, path, adminCl.Get(path), phrases)
		}
		anon := welshClient(t, a, "", "")
		checkWelshPage(t, "/auth/dev", anon.Get("/auth/dev"), phrases)
		for _, rt := range adminRoutes {
			method, path, _ := strings.Cut(rt.route, " ")
			if method != http.MethodGet || rt.ok != 0 || strings.HasSuffix(path, ".csv") {
				continue
			}
			path = strings.NewReplacer(":slug", f.Consultation.Slug, "users/:id", "users/"+modItoa(citizenID)).Replace(path)
			r := adminCl.Get(path)
			if r.StatusCode != http.StatusOK {
				t.Errorf("%s: %d", path, r.StatusCode)
				continue
			}
			checkWelshPage(t, rt.route, r, phrases)
		}
	})
}

// TestLanguageChoice switches with ?lang=, keeps the choice in the lang cookie
// through sign-in, sign-out and a form error, and falls back to Accept-Language.
func TestLanguageChoice(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, bilingual)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "dewis", model.PreModeration)
		htmlLang := func(r *testutil.Response) string { l, _ := r.Doc.Find("html").Attr("lang"); return l }
		cl := a.Client(t)
		if l := htmlLang(cl.Get("/")); l != "en" {
			t.Errorf("default: lang %q", l)
		}
		r := cl.Get("/?lang=cy")
		if l := htmlLang(r); l != "cy" {
			t.Fatalf("?lang=cy: lang %q", l)
		}
		if sw := r.Doc.Find("nav.govuk-language-navigation a[hreflang=en]"); sw.Length() != 1 {
			t.Error("no switcher link to English")
		}
		ck := r.Header.Get("Set-Cookie")
		if !strings.Contains(ck, "lang=cy") || !strings.Contains(ck, "SameSite=Lax") || !strings.Contains(ck, "Max-Age=31536000") {
			t.Errorf("cookie %q", ck)
		}
		// A sign-in round trip keeps Welsh.
		cl.SignIn("Siân", "sian@example.test", "citizen")
		key := f.Paragraph(0).Key
		page := cl.Get("/consultations/dewis/paragraphs/" + key)
		if l := htmlLang(page); l != "cy" {
			t.Errorf("after sign-in: lang %q", l)
		}
		// A form error keeps Welsh.
		bad := cl.PostForm("/consultations/dewis/comments", url.Values{"paragraph": {key}, "body": {""}, "responding_as": {"individual"}, "publish": {"name"}})
		if bad.StatusCode != http.StatusUnprocessableEntity || htmlLang(bad) != "cy" || !strings.Contains(testutil.Text(bad), "Rhowch eich sylw") {
			t.Errorf("form error: %d lang %q: %.200s", bad.StatusCode, htmlLang(bad), testutil.Text(bad))
		}
		if href, _ := bad.Doc.Find(`nav.govuk-language-navigation a[hreflang="en"]`).Attr("href"); strings.Contains(href, "/comments") {
			t.Errorf("the switcher on a form error links to the form's POST address %q", href)
		}
		cl.PostForm("/auth/logout", nil)
		if l := htmlLang(cl.Get("/")); l != "cy" {
			t.Errorf("after sign-out: lang %q", l)
		}
		if l := htmlLang(cl.Get("/?lang=en")); l != "en" {
			t.Errorf("?lang=en: lang %q", l)
		}
		if l := htmlLang(cl.Get("/?lang=fr")); l != "en" {
			t.Errorf("?lang=fr kept the cookie's en: lang %q", l)
		}
		// Without a choice, Accept-Language decides.
		fresh := a.Client(t)
		req, _ := http.NewRequest(http.MethodGet, a.URL+"/", nil)
		req.Header.Set("Accept-Language", "fr, cy-GB;q=0.8, en;q=0.5")
		resp, err := fresh.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(b), `<html lang="cy"`) {
			t.Errorf("Accept-Language cy-GB did not give a Welsh page: %.120s", b)
		}
	})
}

// TestLanguageOffWithoutWelsh keeps English and no switcher when only en is on.
func TestLanguageOffWithoutWelsh(t *testing.T) {
	a := testutil.NewApp(t, "sqlite", nil)
	r := a.Client(t).Get("/?lang=cy")
	if l, _ := r.Doc.Find("html").Attr("lang"); l != "en" {
		t.Errorf("lang %q with only English on", l)
	}
	if r.Doc.Find(".govuk-language-navigation").Length() != 0 {
		t.Error("switcher shown with only English on")
	}
}

// TestWelshCommentOnEnglishPage posts a comment on the Welsh page of a paragraph
// and finds it on the English page of the same paragraph, marked lang="cy"; the
// Welsh page shows the Welsh block and links to the English one.
func TestWelshCommentOnEnglishPage(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		a := testutil.NewApp(t, engine, bilingual)
		f := testutil.NewModerationFixture(t, a.Store, a.Consult, "dwyieithog", model.PostModeration)
		ctx := context.Background()
		cyDoc := "# Cynllun beicio\n\nByddwn yn adeiladu lonydd beicio ar bob prif ffordd.\n\n" +
			"Bydd terfynau cyflymder ger ysgolion yn gostwng i 20mya.\n\nBydd parcio ar balmentydd yn cael ei wahardd.\n"
		if _, err := a.Consult.NewTranslation(ctx, "dwyieithog", "cy", cyDoc, nil); err != nil {
			t.Fatal(err)
		}
		key := f.Paragraph(0).Key
		cl := welshClient(t, a, "Gwenllian", "citizen")
		page := cl.Get("/consultations/dwyieithog/paragraphs/"+key+"?lang=cy").Expect(t, http.StatusOK)
		if !strings.Contains(page.Doc.Find("#paragraph").Text(), "lonydd beicio") {
			t.Errorf("Welsh page shows %q", page.Doc.Find("#paragraph").Text())
		}
		if l, _ := page.Doc.Find("#paragraph").Attr("lang"); l != "" {
			t.Errorf("Welsh block on a Welsh page marked lang=%q", l)
		}
		if href, _ := page.Doc.Find("a.pc-other-lang").Attr("href"); !strings.HasSuffix(href, key+"?lang=en") {
			t.Errorf("link to the English paragraph: %q", href)
		}
		cl.PostForm("/consultations/dwyieithog/comments", url.Values{"paragraph": {key}, "body": {"Syniad da iawn, diolch."},
			"responding_as": {"individual"}, "publish": {"name"}, "submission_token": {testutil.RandomToken()}}).Expect(t, http.StatusSeeOther)
		en := a.Client(t).Get("/consultations/dwyieithog/paragraphs/"+key+"?lang=en").Expect(t, http.StatusOK)
		body := en.Doc.Find(".pc-comment__body")
		if !strings.Contains(body.Text(), "Syniad da iawn") {
			t.Fatalf("Welsh comment not on the English page: %q", body.Text())
		}
		if l, _ := body.Attr("lang"); l != "cy" {
			t.Errorf("Welsh comment on the English page marked lang=%q, want cy", l)
		}
		if !strings.Contains(en.Doc.Find("#paragraph").Text(), "protected cycle lanes") {
			t.Error("English page does not show the English block")
		}
		// The document page in Welsh shows the Welsh document with the shared count.
		doc := a.Client(t).Get("/consultations/dwyieithog?lang=cy").Expect(t, http.StatusOK)
		block := doc.Doc.Find("#p-" + key)
		if !strings.Contains(block.Text(), "lonydd beicio") || !strings.Contains(block.Text(), "1 sylw") {
			t.Errorf("Welsh document block: %q", block.Text())
		}
		// The analysis splits the comments by language.
		an := modClient(t, a, "Dadansoddwraig", "analyst").Get("/admin/consultations/dwyieithog/analysis").Expect(t, http.StatusOK)
		if row := an.Doc.Find("#chart-languages, [id*=languages]").First(); row.Length() == 0 || !strings.Contains(an.Doc.Text(), "Comments in each language") {
			t.Error("no split by language on the analysis page")
		}
		// The CSV export ends with channel, themes and language.
		csvBody := modClient(t, a, "Dadansoddwr", "analyst").Get("/admin/consultations/dwyieithog/export.csv").Expect(t, http.StatusOK).Body
		lines := strings.Split(strings.TrimSpace(csvBody), "\r\n")
		if !strings.HasSuffix(lines[0], ",channel,themes,language") || !strings.HasSuffix(lines[len(lines)-1], ",online,,cy") {
			t.Errorf("CSV header %q, last row %q", lines[0], lines[len(lines)-1])
		}
		// The feed speaks the reader's language and marks the comment's own.
		for lang, title := range map[string]string{"cy": "<title>Sylwadau ar ", "en": "<title>Comments on "} {
			feed := a.Client(t).Get("/consultations/dwyieithog/comments.atom?lang="+lang).Expect(t, http.StatusOK).Body
			if !strings.Contains(feed, `xml:lang="`+lang+`"`) || !strings.Contains(feed, title) ||
				!strings.Contains(feed, `<entry xml:lang="cy">`) {
				t.Errorf("%s feed: %s", lang, feed)
			}
		}
		cm, err := a.Store.ParagraphComments(ctx, f.Consultation.ID, key, 0)
		if err != nil || len(cm) != 1 || cm[0].Language != "cy" || cm[0].Channel != "online" {
			t.Errorf("stored comment: %+v %v", cm, err)
		}
	})
}
