package web

import "pilcrow/app/consult"

// Services are the use cases the handlers call.
type Services struct {
	Consult *consult.Service
	Reports *consult.Reports // exports, the PDF report and the analysis page
}
