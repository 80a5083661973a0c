package main

import "time"

// benchSpec is one benchmark of the project, run once, and how its metrics
// become rows of the table.
//
// The convention for b.ReportMetric: a benchmark reports its figure under a
// unit (req/s, p99_ms, csv_s) and, when it measures a baseline in the same run,
// the baseline under a related unit (static_req/s, static_p99_ms, copy_s); the
// figures below pair them. Metrics that no figure names still appear, as rows
// of their own, so a new metric is never silently dropped; so does every
// benchmark in the module that this list does not name (see discover).
type benchSpec struct {
	Pkg, Name string
	Benchtime string        // -test.benchtime: the work done, fixed so the run is bounded
	Env       []string      // sizes, through the benchmarks' PILCROW_BENCH_* variables
	Timeout   time.Duration // the run is cut off after this
	Figures   []figureSpec
	Ignore    []string // metrics that say nothing here (ns/op of a load run, a ratio the table computes)
}

// figureSpec turns one metric of a benchmark line (and optionally its baseline
// metric) into a row.
type figureSpec struct {
	Sub      string // sub-benchmark ("sqlite"), or "" for the benchmark itself
	Label    string
	Unit     string // the metric's unit in the output ("ns/op" is the time per op)
	Show     string // the unit shown: "s" and "ms" convert from ns/op
	BaseUnit string // the baseline's metric, if any
	BaseName string // what the baseline is
}

// specs lists the benchmarks of the issues' figures, slowest last within each
// package so that a package's test binary is built once.
var specs = []benchSpec{
	{Pkg: "app/web", Name: "BenchmarkDocumentPage", Benchtime: "4000x", Timeout: 5 * time.Minute, Ignore: []string{"ns/op", "ratio"}, Figures: []figureSpec{
		{Sub: "sqlite", Label: "Document page (300 blocks, 20,000 comments), SQLite: throughput", Unit: "req/s", BaseUnit: "static_req/s", BaseName: "static file, same bytes"},
		{Sub: "sqlite", Label: "Document page (300 blocks, 20,000 comments), SQLite: p99", Unit: "p99_ms", Show: "ms", BaseUnit: "static_p99_ms", BaseName: "static file, same bytes"},
		{Sub: "postgres", Label: "Document page (300 blocks, 20,000 comments), PostgreSQL: throughput", Unit: "req/s", BaseUnit: "static_req/s", BaseName: "static file, same bytes"},
		{Sub: "postgres", Label: "Document page (300 blocks, 20,000 comments), PostgreSQL: p99", Unit: "p99_ms", Show: "ms", BaseUnit: "static_p99_ms", BaseName: "static file, same bytes"},
	}},
	{Pkg: "app/web", Name: "BenchmarkPeerConsultation", Benchtime: "3000x", Timeout: 8 * time.Minute, Ignore: []string{"ns/op"}, Figures: peerFigures()},
	{Pkg: "app/web", Name: "BenchmarkCommentWrites", Benchtime: "1500x", Timeout: 4 * time.Minute, Ignore: []string{"ns/op"}, Figures: []figureSpec{
		{Sub: "sqlite", Label: "Comment writes (64 clients), SQLite: accepted", Unit: "comments/s"},
		{Sub: "sqlite", Label: "Comment writes (64 clients), SQLite: p99", Unit: "p99_ms", Show: "ms"},
		{Sub: "postgres", Label: "Comment writes (64 clients), PostgreSQL: accepted", Unit: "comments/s"},
		{Sub: "postgres", Label: "Comment writes (64 clients), PostgreSQL: p99", Unit: "p99_ms", Show: "ms"},
	}},
	{Pkg: "app/web", Name: "BenchmarkModerationQueue", Benchtime: "400x", Timeout: 4 * time.Minute, Figures: []figureSpec{
		{Label: "Moderation queue, 100,000 pending (PostgreSQL), 64 clients: throughput", Unit: "req/s"},
		{Label: "Moderation queue, 100,000 pending: p99", Unit: "p99_ms", Show: "ms"},
		{Label: "Moderation queue, page half-way down (keyset): p99", Unit: "deep_p99_ms", Show: "ms"},
		{Label: "Moderation queue, text search: p99", Unit: "search_p99_ms", Show: "ms"},
		{Label: "Moderation queue: time per request", Unit: "ns/op", Show: "ms"},
		{Label: "Moderation queue: mean wait for a database connection", Unit: "pool_wait_ms/req", Show: "ms"},
	}},
	{Pkg: "app/web", Name: "BenchmarkAnswers", Benchtime: "1200x", Timeout: 6 * time.Minute, Ignore: []string{"ns/op"}, Figures: []figureSpec{
		{Label: "Answers (64 clients, with text, PostgreSQL): accepted", Unit: "answers/s"},
		{Label: "Answers (64 clients, with text, PostgreSQL): p99", Unit: "p99_ms", Show: "ms"},
		{Label: "Results page, one question with 100,000 answers (PostgreSQL): p99", Unit: "results_p99_ms", Show: "ms"},
		{Label: "Results page: answers counted", Unit: "answers", Show: "-"},
	}},
	{Pkg: "app/consult", Name: "BenchmarkExportCSV", Benchtime: "1x", Env: []string{"PILCROW_BENCH_COMMENTS=1000000"}, Timeout: 5 * time.Minute, Ignore: []string{"ns/op", "csv/copy"}, Figures: []figureSpec{
		{Label: "CSV export, 1,000,000 comments (PostgreSQL): time", Unit: "csv_s", Show: "s", BaseUnit: "copy_s", BaseName: "COPY … TO STDOUT WITH CSV"},
		{Label: "CSV export, 1,000,000 comments: peak heap", Unit: "peak_heap_MB", Show: "MB"},
		{Label: "CSV export: comments", Unit: "comments", Show: "-"},
	}},
	// Analysts: search and theme suggestions.
	{Pkg: "app/consult", Name: "BenchmarkSearch", Benchtime: "1x", Env: []string{"PILCROW_BENCH_SEARCH_COMMENTS=1000000"}, Timeout: 20 * time.Minute, Ignore: []string{"ns/op"}, Figures: []figureSpec{
		{Label: "Analysts' search, 1,000,000 comments (PostgreSQL), 64 clients, results kept: p99", Unit: "p99_ms", Show: "ms"},
		{Label: "Analysts' search, results kept: p50", Unit: "p50_ms", Show: "ms"},
		{Label: "Analysts' search, results kept: throughput", Unit: "searches/s"},
		{Label: "Analysts' search, every search on the database: p99", Unit: "cold_p99_ms", Show: "ms"},
		{Label: "Analysts' search, every search on the database: p50", Unit: "cold_p50_ms", Show: "ms"},
		{Label: "Analysts' search, every search on the database: throughput", Unit: "cold_searches/s", Show: "searches/s"},
		{Label: "Analysts' search: comments", Unit: "comments", Show: "-"},
	}},
	{Pkg: "app/consult", Name: "BenchmarkSuggestions", Benchtime: "1x", Env: []string{"PILCROW_BENCH_SUGGEST_COMMENTS=100000"}, Timeout: 10 * time.Minute, Figures: []figureSpec{
		{Label: "Theme suggestions for 100,000 untagged comments: time", Unit: "ns/op", Show: "s"},
		{Label: "Theme suggestions, 100,000 untagged: peak heap", Unit: "peak_heap_MB", Show: "MB"},
		{Label: "Theme suggestions (synthetic set): precision", Unit: "precision", Show: "-"},
		{Label: "Theme suggestions (synthetic set): recall", Unit: "recall", Show: "-"},
		{Label: "Theme suggestions: untagged comments", Unit: "untagged", Show: "-"},
	}},
	{Pkg: "app/consult", Name: "BenchmarkReportPDF", Benchtime: "1x", Timeout: 4 * time.Minute, Figures: []figureSpec{
		{Label: "PDF report, 20,000 comments: time", Unit: "ns/op", Show: "s"},
		{Label: "PDF report, 20,000 comments: peak heap", Unit: "peak_heap_MB", Show: "MB"},
		{Label: "PDF report, 20,000 comments: size", Unit: "pdf_MB", Show: "MB"},
		{Label: "PDF report: comments", Unit: "comments", Show: "-"},
	}},
	{Pkg: "app/consult", Name: "BenchmarkReportDOCX", Benchtime: "1x", Timeout: 4 * time.Minute, Figures: []figureSpec{
		{Label: "Word report, 20,000 comments: time", Unit: "ns/op", Show: "s"},
		{Label: "Word report, 20,000 comments: peak heap", Unit: "peak_heap_MB", Show: "MB"},
		{Label: "Word report, 20,000 comments: size", Unit: "docx_MB", Show: "MB"},
		{Label: "Word report: comments", Unit: "comments", Show: "-"},
	}},
	{Pkg: "app/consult", Name: "BenchmarkCampaigns", Benchtime: "1x", Timeout: 4 * time.Minute, Figures: []figureSpec{
		{Label: "Campaign detection, 100,000 comments from the database: time", Unit: "ns/op", Show: "s"},
		{Label: "Campaign detection, 100,000 comments: peak heap", Unit: "peak_heap_MB", Show: "MB"},
		{Label: "Campaign detection: comments", Unit: "comments", Show: "-"},
	}},
	{Pkg: "app/campaign", Name: "BenchmarkDetect100k", Benchtime: "1x", Timeout: 3 * time.Minute, Figures: []figureSpec{
		{Label: "Campaign grouping, 100,000 texts in memory: time", Unit: "ns/op", Show: "s"},
	}},
	{Pkg: "app/document", Name: "BenchmarkRender300", Benchtime: "20x", Timeout: 2 * time.Minute, Figures: []figureSpec{
		{Label: "Markdown to blocks, 300-block document: time", Unit: "ns/op", Show: "ms"},
	}},
	{Pkg: "app/export", Name: "BenchmarkCSVWriter100k", Benchtime: "3x", Timeout: 2 * time.Minute, Figures: []figureSpec{
		{Label: "CSV writer, 100,000 rows in memory: time", Unit: "ns/op", Show: "ms"},
	}},
	{Pkg: "app/export", Name: "BenchmarkWritePDF20k", Benchtime: "1x", Timeout: 2 * time.Minute, Figures: []figureSpec{
		{Label: "PDF writer, 20,000 comments in memory: time", Unit: "ns/op", Show: "s"},
		{Label: "PDF writer, 20,000 comments in memory: size", Unit: "MB"},
	}},
}

// peerFigures are the rows of BenchmarkPeerConsultation: the document page
// and the busiest paragraph's page, anonymous and signed in, on each engine,
// each against a static server writing the same bytes.
func peerFigures() []figureSpec {
	var out []figureSpec
	for _, e := range []struct{ sub, name string }{{"sqlite", "SQLite"}, {"postgres", "PostgreSQL"}} {
		for _, p := range []struct{ metric, label string }{
			{"doc", "document page"}, {"para", "busiest paragraph (218 comments)"},
			{"doc_signed", "document page, signed in"}, {"para_signed", "busiest paragraph, signed in"},
		} {
			label := "Peer-shaped consultation (120 paragraphs, 2,000 comments), " + p.label + ", " + e.name
			out = append(out,
				figureSpec{Sub: e.sub, Label: label + ": throughput", Unit: p.metric + "_req/s", Show: "req/s",
					BaseUnit: p.metric + "_static_req/s", BaseName: "static server, same bytes"},
				figureSpec{Sub: e.sub, Label: label + ": p99", Unit: p.metric + "_p99_ms", Show: "ms",
					BaseUnit: p.metric + "_static_p99_ms", BaseName: "static server, same bytes"})
		}
	}
	return out
}
