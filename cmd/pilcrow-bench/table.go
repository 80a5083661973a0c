package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
)

// row is one line of the report: a figure, its baseline from the same run
// (Base 0 when it has none), and a note when it could not be measured.
type row struct {
	Figure   string
	Value    float64
	Unit     string
	Base     float64
	BaseName string
	Note     string
}

// rowsFor turns a benchmark's parsed lines into rows: first the figures the
// spec names, then any metric the spec does not use.
func rowsFor(spec benchSpec, results []result, runErr error) []row {
	byName := map[string]result{}
	for _, r := range results {
		byName[r.Name] = r
	}
	used := map[string]bool{}
	for _, r := range results {
		for _, u := range spec.Ignore {
			used[r.Name+" "+u] = true
		}
	}
	var rows []row
	for _, f := range spec.Figures {
		name := spec.Name
		if f.Sub != "" {
			name += "/" + f.Sub
		}
		r, ok := byName[name]
		v, has := r.Metrics[f.Unit]
		if !ok || !has {
			rows = append(rows, row{Figure: f.Label, Note: missingNote(runErr, ok)})
			continue
		}
		used[name+" "+f.Unit], used[name+" "+f.BaseUnit] = true, true
		out := row{Figure: f.Label, Value: convert(v, f.Unit, f.Show), Unit: shown(f)}
		if b, ok := r.Metrics[f.BaseUnit]; ok && f.BaseUnit != "" {
			out.Base, out.BaseName = convert(b, f.BaseUnit, f.Show), f.BaseName
		}
		rows = append(rows, out)
	}
	for _, r := range results {
		units := make([]string, 0, len(r.Metrics))
		for u := range r.Metrics {
			units = append(units, u)
		}
		sort.Strings(units)
		for _, u := range units {
			if used[r.Name+" "+u] || u == "B/op" || u == "allocs/op" {
				continue
			}
			show := u
			if u == "ns/op" {
				show = "ms"
			}
			rows = append(rows, row{Figure: r.Name + ": " + u, Value: convert(r.Metrics[u], u, show), Unit: show})
		}
	}
	return rows
}

func missingNote(err error, ran bool) string {
	switch {
	case err != nil:
		return "not measured: " + firstLine(err.Error(), 90)
	case ran:
		return "not reported by the benchmark"
	}
	return "not run (benchmark absent or skipped)"
}

// convert changes ns/op into the unit shown; other metrics keep their value.
func convert(v float64, unit, show string) float64 {
	if unit != "ns/op" {
		return v
	}
	switch show {
	case "s":
		return v / 1e9
	case "ms":
		return v / 1e6
	}
	return v
}

func shown(f figureSpec) string {
	switch {
	case f.Show == "-":
		return ""
	case f.Show != "":
		return f.Show
	}
	return f.Unit
}

// printTable writes the rows aligned, with the ratio of value to baseline.
func printTable(w io.Writer, rows []row) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FIGURE\tVALUE\tBASELINE (same run)\tRATIO\t")
	for _, r := range rows {
		if r.Note != "" && r.Value == 0 {
			fmt.Fprintf(tw, "%s\t—\t\t\t%s\n", r.Figure, r.Note)
			continue
		}
		base, ratio := "", ""
		if r.BaseName != "" {
			base = number(r.Base) + " " + r.Unit + " (" + r.BaseName + ")"
			if r.Base != 0 {
				ratio = fmt.Sprintf("%.2f", r.Value/r.Base)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Figure, strings.TrimSpace(number(r.Value)+" "+r.Unit), base, ratio, r.Note)
	}
	_ = tw.Flush()
}

// number shows three significant figures, with thousands separated.
func number(v float64) string {
	a := math.Abs(v)
	switch {
	case a == 0:
		return "0"
	case a >= 1000:
		return thousands(int64(math.Round(v)))
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
