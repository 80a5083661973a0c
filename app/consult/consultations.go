package consult

import (
	"context"

	"pilcrow/app/model"
)

// Listing is the home page: consultations by status.
type Listing struct {
	Open, Upcoming, Closed []model.Consultation
}

// Home returns the published consultations grouped by their status now.
func (s *Service) Home(ctx context.Context) (Listing, error) {
	all, err := s.Store.PublishedConsultations(ctx)
	if err != nil {
		return Listing{}, err
	}
	var l Listing
	now := s.now()
	for _, c := range all {
		switch c.StatusAt(now) {
		case model.StatusOpen:
			l.Open = append(l.Open, c)
		case model.StatusUpcoming:
			l.Upcoming = append(l.Upcoming, c)
		case model.StatusClosed:
			l.Closed = append(l.Closed, c)
		}
	}
	return l, nil
}
