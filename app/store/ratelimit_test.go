package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func TestHitCountsAtomically(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		ctx := context.Background()
		const workers, each, limit = 16, 10, 100
		var allowed atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					ok, _, err := st.Hit(ctx, "test:shared", time.Hour, limit)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						allowed.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		if got := allowed.Load(); got != limit {
			t.Errorf("%d of %d hits allowed, want exactly %d", got, workers*each, limit)
		}
		ok, retry, err := st.Hit(ctx, "test:shared", time.Hour, limit)
		if err != nil || ok || retry <= 0 || retry > time.Hour {
			t.Errorf("over the limit: ok=%v retry=%s err=%v", ok, retry, err)
		}
		if ok, _, _ := st.Hit(ctx, "test:other", time.Hour, limit); !ok {
			t.Error("another key shares the count")
		}
	})
}

func TestHitAllReportsTheLongestWait(t *testing.T) {
	st := testutil.NewStore(t, store.SQLite)
	ctx := context.Background()
	counters := []store.Counter{{Key: "m", Window: time.Minute, Limit: 1}, {Key: "h", Window: time.Hour, Limit: 1}}
	if ok, _, err := st.HitAll(ctx, counters); !ok || err != nil {
		t.Fatalf("first hit refused: %v", err)
	}
	ok, retry, err := st.HitAll(ctx, counters)
	want := time.Until(time.Now().UTC().Truncate(time.Hour).Add(time.Hour))
	if ok || err != nil || retry < want-2*time.Second || retry > want+2*time.Second {
		t.Errorf("second hit: ok=%v retry=%s err=%v, want refused until the hour's end (%s)", ok, retry, err, want)
	}
}
