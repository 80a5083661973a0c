package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"

	"pilcrow/app/consult"
	"pilcrow/config"
)

const exportUsage = "usage: pilcrow export csv --slug S [-o FILE] [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] | pilcrow export pdf|docx --slug S -o FILE [--lang en|cy] | pilcrow export answers --slug S [-o FILE]"

// exportCmd writes the same exports the admin panel serves:
//
//	pilcrow export csv --slug S [-o FILE]   (standard output without -o)
//	pilcrow export pdf --slug S -o FILE
//	pilcrow export docx --slug S -o FILE
//
// Each export is written to the audit log first, with the system user who ran it.
func exportCmd(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	return runExport(ctx, cfg, log, args, os.Stdout)
}

// runExport is exportCmd with standard output passed in, for tests.
func runExport(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "answers" {
		return exportAnswers(ctx, cfg, log, args[1:], stdout)
	}
	if len(args) == 0 || (args[0] != "csv" && args[0] != "pdf" && args[0] != "docx") {
		return errors.New(exportUsage)
	}
	kind := args[0]
	fs := newFlags("export " + kind)
	slug := fs.String("slug", "", "")
	out := fs.String("o", "", "")
	status := fs.String("status", "", "")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	lang := fs.String("lang", "en", "")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("export %s: %w (%s)", kind, err, exportUsage)
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("export %s: unexpected argument %q", kind, fs.Arg(0))
	case *slug == "":
		return fmt.Errorf("export %s: --slug is required", kind)
	case kind != "csv" && *out == "":
		return fmt.Errorf("export %s: -o FILE is required", kind)
	case *lang != "en" && *lang != "cy":
		return fmt.Errorf("export %s: --lang must be en or cy, not %q", kind, *lang)
	}
	filter, err := consult.ParseExportFilter(*status, *from, *to, cfg.TimeZone)
	if err != nil {
		return fmt.Errorf("export %s: bad --status, --from or --to: %w", kind, err)
	}
	a, err := openApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.Store.ConsultationBySlug(ctx, *slug)
	if err != nil {
		return fmt.Errorf("export %s: consultation %q: %w", kind, *slug, err)
	}
	details := map[string]any{"kind": kind, "by": systemUser(), "file": *out, "status": *status, "from": *from, "to": *to}
	if err := a.Consult.RecordDownload(ctx, nil, consult.Download{Action: consult.AuditExportCLI, Consultation: c, Details: details}); err != nil {
		return fmt.Errorf("export %s: recording it in the audit log: %w", kind, err)
	}
	write := func(w io.Writer) error { return a.Reports.WriteCSV(ctx, c, filter, w) }
	switch kind {
	case "pdf":
		write = func(w io.Writer) error { return a.Reports.WritePDFIn(ctx, c, *lang, w, nil) }
	case "docx":
		write = func(w io.Writer) error { return a.Reports.WriteDOCXIn(ctx, c, *lang, w, nil) }
	}
	if *out == "" {
		return write(stdout)
	}
	return writeFileAtomically(*out, write)
}

// systemUser names the operating-system account running the command, for the
// audit log: the command line has no signed-in person.
func systemUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "unknown"
}

// writeFileAtomically writes to a temporary file beside path and renames it into
// place, so a failed export never leaves half a file under the expected name.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".pilcrow-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after a successful rename there is nothing to remove
	if err := write(f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o640); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
