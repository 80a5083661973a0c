package web

import (
	"github.com/labstack/echo/v4"

	"pilcrow/app/consult"
	"pilcrow/app/model"
)

// datesForm is the opening and closing dates as typed in the GOV.UK date inputs.
type datesForm struct {
	Opens, Closes consult.DateParts
}

func dateParts(c echo.Context, field string) consult.DateParts {
	return consult.DateParts{Day: c.FormValue(field + "-day"), Month: c.FormValue(field + "-month"),
		Year: c.FormValue(field + "-year"), Time: c.FormValue(field + "-time")}
}

// readDates reads the date inputs into d.Opens and d.Closes. When they have
// problems it returns every problem of the form at once, dates and the rest,
// so nothing is stored. A form posted without date inputs (a script using
// the older opens and closes fields) keeps those values.
func (s *Server) readDates(c echo.Context, d *consult.Details) (datesForm, error) {
	if _, err := c.FormParams(); err != nil {
		return datesForm{}, err
	}
	form := datesForm{Opens: dateParts(c, "opens"), Closes: dateParts(c, "closes")}
	if !c.Request().Form.Has("opens-day") && !c.Request().Form.Has("closes-day") {
		form = datesForm{Opens: consult.SplitDate(d.Opens), Closes: consult.SplitDate(d.Closes)}
		return form, nil
	}
	opens, closes, fe := consult.CheckDateParts(form.Opens, form.Closes, s.cfg.TimeZone)
	if len(fe) == 0 {
		d.Opens, d.Closes = opens, closes
		return form, nil
	}
	rest := *d
	rest.Opens, rest.Closes = "", ""
	for k, v := range consult.ValidateDetails(rest, s.cfg.TimeZone) {
		if _, ok := fe[k]; !ok {
			fe[k] = v
		}
	}
	return form, model.FieldErrors(fe)
}
