package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

// TestFullDatabaseIsUnavailable fills a SQLite database that may not grow
// (PRAGMA max_page_count), as a full disk would: a comment is then refused
// with the 503 "try again" page rather than a 500, and /readyz says 503 so that
// a load balancer stops sending traffic, while /healthz stays 200.
func TestFullDatabaseIsUnavailable(t *testing.T) {
	a := testutil.NewApp(t, store.SQLite, nil)
	f := testutil.Consultation(t, a, testutil.ConsultationOpts{})
	cl := commenter(t, a, "Fran Full")
	cl.Get("/consultations/"+f.Slug+"/paragraphs/"+f.Blocks[0].Key).Expect(t, http.StatusOK)
	a.Client(t).Get("/readyz").Expect(t, http.StatusOK)

	fillDatabase(t, a.Store)
	body := strings.Repeat("A long comment that needs pages of its own. ", 200)
	r := cl.PostForm("/consultations/"+f.Slug+"/comments", validComment(f.Blocks[0].Key, body))
	r.Expect(t, http.StatusServiceUnavailable)
	if !strings.Contains(r.Doc.Find("h1").Text(), "unavailable") {
		t.Errorf("h1 = %q, want the unavailable page", r.Doc.Find("h1").Text())
	}
	a.Client(t).Get("/readyz").Expect(t, http.StatusServiceUnavailable)
	a.Client(t).Get("/healthz").Expect(t, http.StatusOK)
}

// fillDatabase caps the database at its current size and fills its free pages,
// so that any write needing a new page fails with "database or disk is full".
// The cap is a setting of each connection, so the pool is cut to one.
func fillDatabase(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	sqlDB, err := st.DB.DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetConnMaxLifetime(0)
	sqlDB.SetConnMaxIdleTime(0)
	if err := st.DB.WithContext(ctx).Exec("CREATE TABLE ballast (b TEXT)").Error; err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := st.DB.WithContext(ctx).Raw("PRAGMA page_count").Scan(&pages).Error; err != nil {
		t.Fatal(err)
	}
	if err := st.DB.WithContext(ctx).Exec("PRAGMA max_page_count = " + strconv.Itoa(pages)).Error; err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100_000; i++ {
		err := st.DB.WithContext(ctx).Exec("INSERT INTO ballast (b) VALUES (?)", strings.Repeat("x", 200)).Error
		if store.IsFull(err) {
			return
		}
		if err != nil {
			t.Fatalf("filling: %v", err)
		}
	}
	t.Fatal("the database never filled")
}
