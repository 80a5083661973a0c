package consult

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
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
