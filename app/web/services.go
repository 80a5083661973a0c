package web

import "pilcrow/app/consult"

// Services are the use cases the handlers call.
type Services struct {
	Consult *consult.Service
}
