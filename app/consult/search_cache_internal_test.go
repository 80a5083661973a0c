package consult

import (
	"context"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/model"
)

// TestSearchRoundsStartAfterTheirSearches holds a round's look open while a
// change commits and another search arrives: that search must wait for a look
// begun after it arrived, which finds the change, and never take the answer
// of the look in flight.
func TestSearchRoundsStartAfterTheirSearches(t *testing.T) {
	var c searchCache
	var changes atomic.Int64 // changes committed
	looks := make(chan int64, 4)
	release := make(chan struct{})
	look := func(ctx context.Context, mark string) (bool, string, int64, error) {
		seen := changes.Load() // the look's snapshot
		looks <- seen
		<-release
		return mark != "" && mark != string(rune('0'+seen)), string(rune('0' + seen)), 0, nil
	}
	ctx := context.Background()
	first := make(chan int64)
	go func() {
		gen, err := c.fresh(ctx, 1, look)
		if err != nil {
			t.Error(err)
		}
		first <- gen
	}()
	if seen := <-looks; seen != 0 {
		t.Fatalf("first look saw %d changes", seen)
	}
	changes.Add(1) // commits while the first look is in flight
	second := make(chan int64)
	go func() {
		gen, err := c.fresh(ctx, 1, look)
		if err != nil {
			t.Error(err)
		}
		second <- gen
	}()
	time.Sleep(20 * time.Millisecond) // let the second search join
	release <- struct{}{}
	g1 := <-first
	select {
	case seen := <-looks:
		if seen != 1 {
			t.Fatalf("the second search's look saw %d changes, want 1", seen)
		}
	case g2 := <-second:
		t.Fatalf("the search that arrived after the change took the answer of a look begun before it (gen %d)", g2)
	case <-time.After(10 * time.Second):
		t.Fatal("no look began for the search that arrived during one")
	}
	release <- struct{}{}
	if g2 := <-second; g2 == g1 {
		t.Errorf("the search that arrived after the change got the generation of before it (%d)", g2)
	}
}

// TestSearchCacheStaysWithinItsBytes keeps far more results than fit, some
// twice: what is kept never exceeds maxSearchBytes, and the count of bytes
// matches what is kept.
func TestSearchCacheStaysWithinItsBytes(t *testing.T) {
	var c searchCache
	text := strings.Repeat("x", 150_000)
	for i := range 5000 {
		body := text[:50_000+i*7919%100_000]
		res := &SearchResult{Hits: []SearchHit{{Comment: model.Comment{Body: body}}}}
		c.keep(1, 1, SearchQuery{Q: strconv.Itoa(i % 90)}, res)
		sum := 0
		for _, k := range c.kept {
			sum += k.size
		}
		if c.size != sum || c.size > maxSearchBytes {
			t.Fatalf("after %d: counted %d bytes, kept %d, bound %d", i+1, c.size, sum, maxSearchBytes)
		}
	}
	if len(c.kept) < maxSearchBytes/(2*150_000) {
		t.Errorf("only %d results kept", len(c.kept))
	}
}
