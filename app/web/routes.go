package web

import (
	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// routes is the whole site map.
func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/static/:hash/*", s.assets.serve)

	e.GET("/", s.showHome)
	e.GET("/privacy", s.showInfo("privacy"))
	e.GET("/accessibility", s.showInfo("accessibility"))
	e.GET("/cookies", s.showInfo("cookies"))
	e.GET("/house-rules", s.showInfo("house-rules"))

	e.GET("/consultations/:slug", s.showConsultation)
	e.GET("/consultations/:slug/versions", s.listVersions)
	e.GET("/consultations/:slug/versions/:n", s.showVersion)
	e.GET("/consultations/:slug/versions/:n/changes", s.showChanges)

	// Comments: paragraph pages with the form, the author's own actions, open data.
	e.GET("/consultations/:slug/paragraphs/:key", s.showParagraph)
	e.GET("/consultations/:slug/paragraphs/:key/comments.atom", s.paragraphFeed)
	e.GET("/consultations/:slug/respond", s.showRespond)
	e.POST("/consultations/:slug/comments", s.createComment)
	e.GET("/consultations/:slug/comments.atom", s.consultationFeed)
	e.GET("/consultations/:slug/comments.json", s.commentsJSON)
	e.GET("/consultations/:slug/most-commented", s.showMostCommented)
	// Questions: answers, a person's whole response, the counts.
	e.POST("/consultations/:slug/answers", s.createAnswer)
	e.GET("/consultations/:slug/response", s.showResponse, requireRole(model.RoleCitizen), noStore)
	e.GET("/consultations/:slug/results", s.showResults)
	e.GET("/admin/consultations/:slug/answers.csv", s.exportAnswersCSV, requireRole(model.RoleAnalyst), noStore, s.recentSignIn, s.limitDownloads)
	e.GET("/admin/consultations/:slug/answers-themes.csv", s.exportAnswerThemesCSV, requireRole(model.RoleAnalyst), noStore, s.recentSignIn, s.limitDownloads)
	e.GET("/admin/consultations/:slug/questions/:key/answers", s.showAnswerTexts, requireRole(model.RoleAnalyst), noStore)
	comments := e.Group("/comments", requireRole(model.RoleCitizen), noStore)
	comments.GET("/:id/edit", s.showEditComment)
	comments.POST("/:id/edit", s.updateComment)
	comments.GET("/:id/withdraw", s.showWithdrawComment)
	comments.POST("/:id/withdraw", s.withdrawComment)
	comments.GET("/:id/flag", s.showFlagComment)
	comments.POST("/:id/flag", s.flagComment)
	me := e.Group("/me", requireRole(model.RoleCitizen), noStore)
	me.GET("", s.showMe)
	me.GET("/data", s.downloadMyData)
	me.GET("/delete", s.showDeleteAccount)
	me.POST("/delete", s.deleteAccount)
	e.GET("/me/deleted", s.showAccountDeleted)

	e.GET("/auth/sign-in", s.showSignIn)
	e.GET("/auth/dev", s.showDevSignIn)
	e.POST("/auth/dev", s.devSignIn)
	e.POST("/auth/logout", s.signOut)
	e.GET("/auth/email", s.showEmailSignIn)
	e.POST("/auth/email", s.sendEmailSignIn)
	e.GET("/auth/email/:token", s.showEmailLink)
	e.POST("/auth/email/:token", s.useEmailLink)
	e.GET("/mail/unsubscribe", s.showUnsubscribe)
	e.POST("/mail/unsubscribe", s.unsubscribe)
	e.GET("/auth/:provider", s.beginOAuth)
	e.GET("/auth/:provider/callback", s.oauthCallback)

	account := e.Group("/account", requireRole(model.RoleCitizen), noStore)
	account.GET("", s.showAccount)
	account.POST("/name", s.updateDisplayName)
	account.POST("/email", s.updateMailPreferences)

	// Second factor: a staff role takes effect once the session proved one.
	factor := e.Group("/auth/second-factor", requireRole(model.RoleCitizen), noStore)
	factor.GET("", s.showSecondFactor)
	factor.POST("/totp", s.verifyTOTP)
	factor.POST("/recovery", s.verifyRecoveryCode)
	factor.POST("/passkey/options", s.passkeyLoginOptions)
	factor.POST("/passkey", s.passkeyLogin)
	account.GET("/second-factor", s.showFactors)
	account.GET("/second-factor/totp", s.showTOTPSetup)
	account.POST("/second-factor/totp", s.confirmTOTP)
	account.POST("/second-factor/passkey/options", s.passkeyRegisterOptions)
	account.POST("/second-factor/passkey", s.registerPasskey)
	account.POST("/second-factor/recovery-codes", s.newRecoveryCodes)
	account.POST("/second-factor/:id/remove", s.removeFactor)

	// Trust: changing roles, blocking and downloading personal data (the lines
	// with s.recentSignIn) ask staff who signed in over 15 minutes ago to sign in again.
	admin := e.Group("/admin", requireRole(model.RoleModerator, model.RoleAnalyst), noStore)
	admin.GET("", s.showAdminHome)
	// Moderation is for moderators (and admins); users and the audit log for admins.
	moderator, adminOnly := requireRole(model.RoleModerator), requireRole(model.RoleAdmin)
	admin.GET("/moderation", s.showQueue, moderator)
	admin.POST("/moderation/decide", s.decideComments, moderator)
	admin.GET("/users", s.listUsers, adminOnly)
	admin.GET("/users/:id", s.showUser, adminOnly)
	admin.POST("/users/:id/role", s.changeRole, adminOnly, s.recentSignIn)
	admin.POST("/users/:id/block", s.blockUser, adminOnly, s.recentSignIn)
	admin.POST("/users/:id/unblock", s.unblockUser, adminOnly, s.recentSignIn)
	admin.GET("/role-confirmations", s.listRoleConfirmations, adminOnly)
	admin.POST("/role-confirmations/:id", s.decideRoleConfirmation, adminOnly, s.recentSignIn)
	admin.GET("/audit", s.showAudit, adminOnly)
	admin.GET("/audit.csv", s.exportAudit, adminOnly, s.recentSignIn, s.limitDownloads)
	admin.GET("/consultations", s.listAdminConsultations, adminOnly)
	admin.POST("/consultations", s.createConsultation, adminOnly)
	admin.GET("/consultations/new", s.newConsultation, adminOnly)
	admin.GET("/consultations/:slug", s.showAdminConsultation, adminOnly)
	admin.GET("/consultations/:slug/edit", s.editConsultation, adminOnly)
	admin.POST("/consultations/:slug/edit", s.updateConsultation, adminOnly)
	admin.GET("/consultations/:slug/versions/new", s.newVersion, adminOnly)
	admin.POST("/consultations/:slug/versions/new", s.saveVersion, adminOnly)
	admin.POST("/consultations/:slug/close", s.closeConsultation, adminOnly)
	admin.GET("/consultations/:slug/outcome", s.editOutcome, adminOnly)
	admin.POST("/consultations/:slug/outcome", s.publishOutcome, adminOnly)
	admin.GET("/consultations/:slug/reattach", s.showReattach, adminOnly)
	admin.POST("/consultations/:slug/reattach", s.reattachComments, adminOnly)
	// Reports and exports are for analysts (and admins); whole-campaign decisions for moderators.
	analyst, moderates := requireRole(model.RoleAnalyst), requireRole(model.RoleModerator)
	admin.GET("/reports", s.listReports, analyst)
	admin.GET("/consultations/:slug/reports", s.showConsultationReports, analyst)
	admin.GET("/consultations/:slug/export.csv", s.exportCSV, analyst, s.recentSignIn, s.limitDownloads)
	// Summary reports: a GET serves the newest finished one, a POST starts one.
	admin.GET("/consultations/:slug/report.pdf", s.showReportFile(consult.JobReportPDF), analyst, s.recentSignIn, s.limitDownloads)
	admin.GET("/consultations/:slug/report.docx", s.showReportFile(consult.JobReportDOCX), analyst, s.recentSignIn, s.limitDownloads)
	admin.POST("/consultations/:slug/reports", s.startReport, analyst, s.limitReportStarts)
	admin.GET("/consultations/:slug/analysis", s.showAnalysis, analyst)
	admin.GET("/consultations/:slug/campaigns", s.listCampaigns)
	admin.GET("/consultations/:slug/campaigns/:id", s.confirmCampaign, moderates)
	admin.POST("/consultations/:slug/campaigns/:id", s.decideCampaign, moderates)
	admin.GET("/jobs/:id", s.showJob, analyst)
	admin.GET("/jobs/:id/download", s.downloadJob, analyst, s.recentSignIn, s.limitDownloads)

	// Analysts: search (moderators too), the coding frame, tagging and notes.
	admin.GET("/consultations/:slug/search", s.showSearch)
	admin.POST("/consultations/:slug/search/tag", s.tagSearchResults, analyst)
	admin.GET("/consultations/:slug/themes", s.showThemes, analyst)
	admin.POST("/consultations/:slug/themes", s.createTheme, analyst)
	admin.GET("/comments/:id", s.showAnalystComment, analyst)
	admin.POST("/comments/:id/themes", s.setCommentThemes, analyst)
	admin.POST("/comments/:id/notes", s.addNote, analyst)
	admin.GET("/consultations/:slug/suggestions", s.showSuggestions, analyst)
	admin.POST("/consultations/:slug/suggestions", s.answerSuggestion, analyst)
	admin.GET("/consultations/:slug/discover", s.showDiscover, analyst)

	// Responses received by post, email, phone or at an event, entered by moderators and admins.
	admin.GET("/consultations/:slug/responses", s.listOfflineResponses, moderator)
	admin.GET("/consultations/:slug/responses/new", s.newOfflineResponse, moderator)
	admin.POST("/consultations/:slug/responses", s.createOfflineResponse, moderator)

	// Authoring: Word import, document images and supporting documents.
	admin.POST("/consultations/:slug/document/import", s.importDocument, adminOnly)
	admin.POST("/consultations/:slug/draft", s.autosaveDraft, adminOnly)
	admin.GET("/consultations/:slug/attachments", s.listAttachments, adminOnly)
	admin.POST("/consultations/:slug/attachments", s.addAttachment, adminOnly)
	admin.POST("/consultations/:slug/attachments/:id/delete", s.removeAttachment, adminOnly)
	e.GET("/images/:file", s.serveImage)
	e.GET("/consultations/:slug/attachments/:id/:name", s.downloadAttachment)
}
