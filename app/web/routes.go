package web

import (
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

	e.GET("/auth/sign-in", s.showSignIn)
	e.GET("/auth/dev", s.showDevSignIn)
	e.POST("/auth/dev", s.devSignIn)
	e.POST("/auth/logout", s.signOut)
	e.GET("/auth/:provider", s.beginOAuth)
	e.GET("/auth/:provider/callback", s.oauthCallback)

	account := e.Group("/account", requireRole(model.RoleCitizen), noStore)
	account.GET("", s.showAccount)
	account.POST("/name", s.updateDisplayName)

	admin := e.Group("/admin", requireRole(model.RoleModerator, model.RoleAnalyst), noStore)
	admin.GET("", s.showAdminHome)
}
