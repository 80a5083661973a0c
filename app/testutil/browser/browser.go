// Package browser drives headless Chromium for journey and accessibility tests,
// one browser per test so that tests can run in parallel.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"pilcrow/app/testutil/need"
)

// Timeout bounds everything one Browser does, so a hung page fails its test
// instead of stalling the whole run until go test's own deadline. It is generous
// because CI runs the whole suite at once on two cores.
const Timeout = 3 * time.Minute

// running lets one Chromium run at a time in each test binary: two browsers and the
// rest of the suite on two cores made axe runs crawl past any sensible timeout.
var running = make(chan struct{}, 1)

// candidates are the Chromium binaries tried in order: Debian's path first, then
// the names other distributions and Chrome installs use.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}

// Browser is one headless Chromium process with a single tab, owned by one test.
type Browser struct {
	ctx context.Context
}

// New starts a headless Chromium for the test and closes it when the test ends.
// Without Chromium the test is skipped, or fails when PILCROW_TEST_REQUIRE
// lists chromium.
func New(t testing.TB) *Browser {
	t.Helper()
	path, err := findChromium()
	if err != nil {
		need.Unavailable(t, "chromium", err.Error())
		return nil
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // containers and CI run as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 1024),
		chromedp.UserDataDir(t.TempDir()),
		// Keep the browser off the network except for the pages a test opens.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// /dev/shm is often tiny in containers and Chromium crashes when it fills.
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	running <- struct{}{}
	t.Cleanup(func() { <-running })
	timeoutCtx, cancelTimeout := context.WithTimeout(context.Background(), Timeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(timeoutCtx, opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	// Cancelling the allocator waits for the process to exit, so the user data
	// directory is no longer in use when t.TempDir removes it afterwards.
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})

	b := &Browser{ctx: ctx}
	// The first action starts the browser. Pilcrow's pages send a strict CSP;
	// bypassing it lets tests inject axe into them.
	if err := chromedp.Do(ctx, bypassCSP()); err != nil {
		t.Fatalf("browser: start %s: %v", path, err)
	}
	return b
}

// findChromium returns the path of the first Chromium binary found.
func findChromium() (string, error) {
	for _, name := range candidates {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("none of %v found on PATH (Debian: apt-get install chromium)", candidates)
}

// bypassCSP tells the tab to ignore Content-Security-Policy headers.
func bypassCSP() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
		return err
	})
}

// Ctx returns the browser's chromedp context, for chromedp.Run with actions
// that return values.
func (b *Browser) Ctx() context.Context {
	return b.ctx
}

// Run runs the actions in order in the browser's tab and fails the test at the
// first error.
func (b *Browser) Run(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		t.Fatalf("browser: %s", b.describe(err))
	}
}

// Get runs one action that returns a value, such as chromedp.Text, and fails
// the test on error. It is a function because Go methods cannot be generic.
func Get[T any](t testing.TB, b *Browser, action chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, action)
	if err != nil {
		t.Fatalf("browser: %s", b.describe(err))
	}
	return v
}

// Screenshot writes a full-page PNG of the current page, for debugging a test.
func (b *Browser) Screenshot(t testing.TB, path string) {
	t.Helper()
	png := Get(t, b, chromedp.FullScreenshot(100))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("browser: write screenshot: %v", err)
	}
}

// describe adds what helps to debug a failed action: the page it was on, and
// whether the per-test timeout ran out.
func (b *Browser) describe(err error) string {
	if errors.Is(err, context.DeadlineExceeded) || b.ctx.Err() != nil {
		return fmt.Sprintf("%v (the browser's %s timeout ran out or it was closed)", err, Timeout)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	if url, lerr := chromedp.Run(ctx, chromedp.Location()); lerr == nil {
		return fmt.Sprintf("%v (on %s)", err, url)
	}
	return err.Error()
}
