package model

import "errors"

// ErrClosed refuses a change to a response once its consultation has closed:
// what was submitted by the deadline is what the analysis counts.
var ErrClosed = errors.New("consultation closed")
