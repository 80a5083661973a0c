package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"pilcrow/app/consult"
	"pilcrow/config"
)

// exportAnswers writes answers.csv, as the admin panel serves it:
//
//	pilcrow export answers --slug S [-o FILE]   (standard output without -o)
func exportAnswers(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := newFlags("export answers")
	slug := fs.String("slug", "", "")
	out := fs.String("o", "", "")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("export answers: %w (%s)", err, exportUsage)
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("export answers: unexpected argument %q", fs.Arg(0))
	case *slug == "":
		return fmt.Errorf("export answers: --slug is required")
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.Store.ConsultationBySlug(ctx, *slug)
	if err != nil {
		return fmt.Errorf("export answers: consultation %q: %w", *slug, err)
	}
	details := map[string]any{"kind": "answers", "by": systemUser(), "file": *out}
	if err := a.Consult.RecordDownload(ctx, nil, consult.Download{Action: consult.AuditExportCLI, Consultation: c, Details: details}); err != nil {
		return fmt.Errorf("export answers: recording it in the audit log: %w", err)
	}
	write := func(w io.Writer) error { return a.Consult.WriteAnswersCSV(ctx, c, w) }
	if *out == "" {
		return write(stdout)
	}
	return writeFileAtomically(*out, write)
}
