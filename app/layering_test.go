package app_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The layering rules of the README's Architecture section, checked on every
// non-test Go file of the module. Tests may reach further (a test counts GORM
// queries, another starts an HTTP server), so their files are not checked.
var (
	// Only store speaks SQL through GORM.
	gormAllowed = []string{"app/store"}
	// The rules and the writers know no HTTP, so they serve a page, a command
	// and a background job alike, and a move to another web framework stays
	// inside web.
	noHTTP = []string{"app/consult", "app/model", "app/document", "app/export", "app/chart", "app/campaign", "app/jobs", "app/mail", "app/store"}
	// model is the bottom layer: plain types that every other package may use.
	noAppImports = []string{"app/model"}
)

func TestLayering(t *testing.T) {
	imports := moduleImports(t)
	if len(imports["app/store"]) == 0 || len(imports["app/web"]) == 0 {
		t.Fatalf("found no imports for store or web; is the walk looking at the module? %d packages", len(imports))
	}
	for dir, files := range imports {
		for file, paths := range files {
			for _, p := range paths {
				switch {
				case (strings.HasPrefix(p, "gorm.io/") || p == "github.com/glebarez/sqlite") && !under(dir, gormAllowed):
					t.Errorf("%s imports %s: only %v may use GORM", file, p, gormAllowed)
				case (p == "net/http" || strings.HasPrefix(p, "net/http/") || strings.HasPrefix(p, "github.com/labstack/echo")) && under(dir, noHTTP):
					t.Errorf("%s imports %s: %s must not know HTTP", file, p, dir)
				case strings.HasPrefix(p, "pilcrow/") && under(dir, noAppImports):
					t.Errorf("%s imports %s: model imports no other package of the application", file, p)
				}
			}
		}
	}
}

// moduleImports maps each package directory (relative to the module root) to
// its non-test files and their import paths.
func moduleImports(t *testing.T) map[string]map[string][]string {
	t.Helper()
	root := ".."
	out := map[string]map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && path != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		dir := filepath.ToSlash(filepath.Dir(rel))
		if out[dir] == nil {
			out[dir] = map[string][]string{}
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[dir][filepath.ToSlash(rel)] = append(out[dir][filepath.ToSlash(rel)], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// under reports whether dir is one of the packages or inside one of them.
func under(dir string, pkgs []string) bool {
	for _, p := range pkgs {
		if dir == p || strings.HasPrefix(dir, p+"/") {
			return true
		}
	}
	return false
}
