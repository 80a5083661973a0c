package mail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"pilcrow/app/i18n"
	"pilcrow/app/model"
)

// Composer renders outbox messages in their recipient's language, from the
// message catalogue, in GOV.UK Notify's plain style: words, one plain link, no
// images, no tracking.
type Composer struct {
	Messages *i18n.Catalogue
	BaseURL  *url.URL
	Service  string         // PILCROW_SERVICE_NAME
	Zone     *time.Location // where dates in messages are written
	Secret   []byte         // signs unsubscribe links
}

// body is a message's content before it becomes text and HTML.
type body struct {
	Lang        string
	Paragraphs  []string
	QuoteLabel  string
	Quote       string
	LinkText    string
	Link        string
	Footer      []string
	Unsubscribe string // the one-click unsubscribe URL, "" for a sign-in link
	// UnsubscribeText is the unsubscribe link's words.
	UnsubscribeText string
}

// Compose renders one outbox message.
func (c *Composer) Compose(m *model.Mail) (Message, error) {
	var p model.MailParams
	if err := json.Unmarshal([]byte(m.Params), &p); err != nil {
		return Message{}, fmt.Errorf("mail %d params: %w", m.ID, err)
	}
	lang := m.Language
	if lang != model.Welsh {
		lang = model.English
	}
	subject, b := c.content(m.Kind, lang, p)
	b.Lang = lang
	headers := map[string]string{"Auto-Submitted": "auto-generated"}
	if m.Kind != model.MailSignIn && m.UserID != nil {
		b.Unsubscribe = c.url("/mail/unsubscribe?t=" + SignUnsubscribe(c.Secret, *m.UserID, m.Kind))
		b.UnsubscribeText = c.t(lang, "mail.footer.unsubscribe.link")
		b.Footer = append(b.Footer, c.t(lang, "mail.footer.why", c.Service),
			c.t(lang, "mail.footer.preferences")+" "+c.url("/account"))
		headers["List-Unsubscribe"] = "<" + b.Unsubscribe + ">"
		headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	}
	html, err := renderHTML(b)
	if err != nil {
		return Message{}, err
	}
	return Message{To: m.Address, Subject: subject, Text: renderText(c, b), HTML: html, Headers: headers}, nil
}

func (c *Composer) t(lang, key string, args ...any) string { return c.Messages.T(lang, key, args...) }

// url is an absolute address on this site.
func (c *Composer) url(path string) string { return strings.TrimRight(c.BaseURL.String(), "/") + path }

// title is the consultation's title in the language, when it has one there.
func title(lang string, p model.MailParams) string {
	if lang == model.Welsh && p.TitleCy != "" {
		return p.TitleCy
	}
	return p.Title
}

// renderText is the plain-text part: paragraphs, the copy indented, the link
// written out in full.
func renderText(c *Composer, b body) string {
	var w strings.Builder
	for _, p := range b.Paragraphs {
		w.WriteString(p + "\n\n")
	}
	if b.Quote != "" {
		w.WriteString(b.QuoteLabel + "\n\n")
		for _, line := range strings.Split(b.Quote, "\n") {
			w.WriteString("    " + line + "\n")
		}
		w.WriteString("\n")
	}
	if b.Link != "" {
		w.WriteString(b.LinkText + ":\n" + b.Link + "\n\n")
	}
	if len(b.Footer) > 0 {
		w.WriteString("---\n\n")
		for _, f := range b.Footer {
			w.WriteString(f + "\n\n")
		}
		w.WriteString(c.t(b.Lang, "mail.footer.unsubscribe") + " " + b.Unsubscribe + "\n")
	}
	return w.String()
}

// page is the HTML part: Notify's plain look, inline styles only (mail
// programs drop style sheets), no images and no tracked links.
var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;background:#ffffff">
<div style="max-width:580px">
{{range .Paragraphs}}<p style="margin:0 0 20px">{{.}}</p>
{{end}}{{if .Quote}}<p style="margin:0 0 20px">{{.QuoteLabel}}</p>
<blockquote style="margin:0 0 20px;padding:0 0 0 15px;border-left:10px solid #b1b4b6;white-space:pre-wrap">{{.Quote}}</blockquote>
{{end}}{{if .Link}}<p style="margin:0 0 20px"><a href="{{.Link}}" style="color:#1d70b8">{{.LinkText}}</a></p>
{{end}}{{if .Footer}}<hr style="border:0;border-top:1px solid #b1b4b6;margin:30px 0 20px">
{{range .Footer}}<p style="margin:0 0 15px;font-size:16px">{{.}}</p>
{{end}}<p style="margin:0;font-size:16px"><a href="{{.Unsubscribe}}" style="color:#1d70b8">{{.UnsubscribeText}}</a></p>
{{end}}</div>
</body></html>
`))

func renderHTML(b body) (string, error) {
	var buf bytes.Buffer
	if err := page.Execute(&buf, b); err != nil {
		return "", err
	}
	return buf.String(), nil
}
