package mail

import (
	"fmt"

	"pilcrow/app/i18n"
	"pilcrow/app/model"
)

// content is each kind's subject and words, from the catalogue.
func (c *Composer) content(kind, lang string, p model.MailParams) (string, body) {
	t := func(key string, args ...any) string { return c.t(lang, key, args...) }
	name := title(lang, p)
	b := body{Link: c.url(p.Path)}
	switch kind {
	case model.MailSignIn:
		b.Link = c.url("/auth/email/" + p.Token)
		b.Paragraphs = []string{t("emailsignin.mail.intro", c.Service)}
		b.LinkText = t("emailsignin.mail.link")
		return t("emailsignin.mail.subject", c.Service), c.signInFooter(lang, b)
	case model.MailReceipt:
		b.Paragraphs = []string{t("notifications.receipt.intro", name), t("notifications.receipt.reference", p.Reference)}
		b.QuoteLabel, b.Quote = t("notifications.receipt.copy"), p.Text
		b.LinkText = t("notifications.receipt.link")
		return t("notifications.receipt.subject", p.Reference), b
	case model.MailReply:
		b.Paragraphs = []string{t("notifications.reply.intro", name)}
		b.QuoteLabel, b.Quote = t("notifications.reply.copy"), p.Text
		b.LinkText = t("notifications.reply.link")
		return t("notifications.reply.subject", name), b
	case model.MailModeration:
		decision := "rejected"
		if p.Decision == string(model.CommentApproved) {
			decision = "approved"
		}
		b.Paragraphs = []string{t("notifications.moderation." + decision + ".body")}
		// "other" has no words of its own: the moderator's note says it.
		if p.Reason != "" && p.Reason != "other" && decision == "rejected" {
			b.Paragraphs = append(b.Paragraphs, t("notifications.moderation.reason", t("me.reason."+p.Reason)))
		}
		if p.Note != "" {
			b.Paragraphs = append(b.Paragraphs, t("notifications.moderation.note", p.Note))
		}
		b.QuoteLabel, b.Quote = t("notifications.moderation.yours"), p.Text
		b.LinkText = t("notifications.moderation.link")
		return t("notifications.moderation."+decision+".subject", name), b
	case model.MailOutcome:
		b.Paragraphs = []string{t("notifications.outcome.body", name)}
		b.LinkText = t("notifications.outcome.link")
		return t("notifications.outcome.subject", name), b
	case model.MailReminder:
		when := c.date(lang, p)
		b.Paragraphs = []string{t("notifications.reminder.body", name, when)}
		b.LinkText = t("notifications.reminder.link")
		return t("notifications.reminder.subject", name, when), b
	case model.MailSummary:
		b.Paragraphs = []string{t("notifications.summary.intro")}
		for _, r := range p.Rows {
			b.Paragraphs = append(b.Paragraphs, fmt.Sprintf("%s: %s, %s", r.Title,
				c.Messages.Plural(lang, "notifications.summary.new", r.New),
				c.Messages.Plural(lang, "notifications.summary.pending", r.Pending)))
		}
		b.LinkText = t("notifications.summary.link")
		return t("notifications.summary.subject", c.date(lang, p)), b
	}
	return kind, b
}

// signInFooter says how long the link lasts and what to do if it was not asked for.
func (c *Composer) signInFooter(lang string, b body) body {
	b.Paragraphs = append(b.Paragraphs, c.t(lang, "emailsignin.mail.expiry"), c.t(lang, "emailsignin.mail.ignore"))
	return b
}

// date is the message's date in the recipient's language and the service's zone.
func (c *Composer) date(lang string, p model.MailParams) string {
	if p.When == nil {
		return ""
	}
	return i18n.FormatDate(lang, p.When.In(c.Zone))
}
