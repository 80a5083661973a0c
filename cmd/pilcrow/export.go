package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"pilcrow/app/consult"
	"pilcrow/config"
)

const exportUsage = "usage: pilcrow export csv --slug S [-o FILE] [--status S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] | pilcrow export pdf --slug S -o FILE [--lang en|cy] | pilcrow export answers --slug S [-o FILE]"

// exportCmd writes the same exports the admin panel serves:
//
//	pilcrow export csv --slug S [-o FILE]   (standard output without -o)
//	pilcrow export pdf --slug S -o FILE
func exportCmd(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string) error {
	return runExport(ctx, cfg, log, args, os.Stdout)
}

// runExport is exportCmd with standard output passed in, for tests.
func runExport(ctx context.Context, cfg *config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) > 0 && args[0] == "answers" {
		return exportAnswers(ctx, cfg, log, args[1:], stdout)
	}
	if len(args) == 0 || (args[0] != "csv" && args[0] != "pdf") {
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
	case kind == "pdf" && *out == "":
		return errors.New("export pdf: -o FILE is required")
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
	write := func(w io.Writer) error { return a.Reports.WriteCSV(ctx, c, filter, w) }
	if kind == "pdf" {
		write = func(w io.Writer) error { return a.Reports.WritePDFIn(ctx, c, *lang, w, nil) }
	}
	if *out == "" {
		return write(stdout)
	}
	return writeFileAtomically(*out, write)
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
