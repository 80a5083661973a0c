package jobs_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pilcrow/app/jobs"
	"pilcrow/app/model"
	"pilcrow/app/store"
	"pilcrow/app/testutil"
)

func newRunner(st *store.Store) *jobs.Runner {
	return jobs.New(st, testutil.TestLogger())
}

func enqueue(t *testing.T, st *store.Store, kind string) *model.Job {
	t.Helper()
	j := &model.Job{Kind: kind, Params: "{}"}
	if err := st.CreateJob(context.Background(), j); err != nil {
		t.Fatal(err)
	}
	return j
}

func TestRunOnceStoresResultAndProgress(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		r := newRunner(st)
		ctx := context.Background()
		var seen int
		r.Register("echo", func(ctx context.Context, j *model.Job, progress func(int, int)) error {
			progress(1, 4)
			mid, err := st.Job(ctx, j.ID)
			if err != nil {
				return err
			}
			seen = mid.Progress
			if mid.Status != store.JobRunning || mid.LockedUntil == nil {
				t.Errorf("while running: status %q, lease %v", mid.Status, mid.LockedUntil)
			}
			j.Result, j.Filename, j.ContentType, j.Total = []byte("hello"), "a.txt", "text/plain", 4
			return nil
		})
		j := enqueue(t, st, "echo")
		ran, err := r.RunOnce(ctx)
		if !ran || err != nil {
			t.Fatalf("RunOnce = %v, %v", ran, err)
		}
		if seen != 1 {
			t.Errorf("progress seen while running = %d, want 1", seen)
		}
		done, err := st.JobResult(ctx, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		if string(done.Result) != "hello" || done.Filename != "a.txt" || done.FinishedAt == nil || done.LockedUntil != nil {
			t.Errorf("finished job = %+v", done)
		}
		if ran, _ := r.RunOnce(ctx); ran {
			t.Errorf("a finished job was claimed again")
		}
	})
}

func TestFailureIsRecorded(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		r := newRunner(st)
		ctx := context.Background()
		r.Register("bad", func(context.Context, *model.Job, func(int, int)) error { return errors.New("secret detail") })
		r.Register("panics", func(context.Context, *model.Job, func(int, int)) error { panic("boom") })
		cases := []struct{ kind string }{{"bad"}, {"panics"}, {"unknown"}}
		for _, tc := range cases {
			t.Run(tc.kind, func(t *testing.T) {
				j := enqueue(t, st, tc.kind)
				if ran, err := r.RunOnce(ctx); !ran || err != nil {
					t.Fatalf("RunOnce = %v, %v", ran, err)
				}
				got, err := st.Job(ctx, j.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != store.JobFailed || got.Error == "" || got.FinishedAt == nil {
					t.Errorf("job = %+v, want failed with a message", got)
				}
				if tc.kind == "bad" && got.Error == "secret detail" {
					t.Errorf("internal error shown to people: %q", got.Error)
				}
				if _, err := st.JobResult(ctx, j.ID); !errors.Is(err, model.ErrNotFound) {
					t.Errorf("failed job has a downloadable result: %v", err)
				}
			})
		}
	})
}

// TestClaimIsExclusive runs two runners at once over many jobs: each job must run
// exactly once.
func TestClaimIsExclusive(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		const n = 40
		var runs [n + 1]atomic.Int32
		ids := map[int64]int{}
		for i := 1; i <= n; i++ {
			ids[enqueue(t, st, "count").ID] = i
		}
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			r := newRunner(st)
			r.Register("count", func(_ context.Context, j *model.Job, _ func(int, int)) error {
				runs[ids[j.ID]].Add(1)
				time.Sleep(time.Millisecond)
				return nil
			})
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					ran, err := r.RunOnce(context.Background())
					if err != nil {
						t.Error(err)
						return
					}
					if !ran {
						return
					}
				}
			}()
		}
		wg.Wait()
		for i := 1; i <= n; i++ {
			if got := runs[i].Load(); got != 1 {
				t.Errorf("job %d ran %d times", i, got)
			}
		}
	})
}

// TestExpiredLeaseIsClaimedAgain: a job whose instance died mid-run (its lease
// ran out) is run again by another instance; a live lease is left alone.
func TestExpiredLeaseIsClaimedAgain(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		ctx := context.Background()
		j := enqueue(t, st, "slow")
		now := time.Now()
		claimed, err := st.ClaimJob(ctx, now, time.Minute)
		if err != nil || claimed == nil || claimed.ID != j.ID {
			t.Fatalf("first claim = %+v, %v", claimed, err)
		}
		if again, err := st.ClaimJob(ctx, now.Add(30*time.Second), time.Minute); err != nil || again != nil {
			t.Fatalf("claimed under a live lease: %+v, %v", again, err)
		}
		r := newRunner(st)
		r.Now = func() time.Time { return now.Add(2 * time.Minute) }
		r.Register("slow", func(_ context.Context, j *model.Job, _ func(int, int)) error {
			j.Result = []byte("done by the second instance")
			return nil
		})
		if ran, err := r.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("RunOnce after expiry = %v, %v", ran, err)
		}
		got, err := st.JobResult(ctx, j.ID)
		if err != nil || string(got.Result) != "done by the second instance" {
			t.Fatalf("result = %+v, %v", got, err)
		}
	})
}

// TestStartStop runs the background loop until a queued job is done.
func TestStartStop(t *testing.T) {
	st := testutil.NewStore(t, store.SQLite)
	r := newRunner(st)
	r.Poll = 10 * time.Millisecond
	r.Register("quick", func(_ context.Context, j *model.Job, _ func(int, int)) error {
		j.Result = []byte("ok")
		return nil
	})
	j := enqueue(t, st, "quick")
	r.Start(context.Background())
	defer r.Stop()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got, err := st.Job(context.Background(), j.ID); err == nil && got.Status == store.JobDone {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the worker did not run the job")
}

// TestStopCutsAJobShort: stopping the worker ends a long job at its next
// progress step and gives it back to the queue, so that another instance
// claims it at once rather than after its lease.
func TestStopCutsAJobShort(t *testing.T) {
	testutil.ForEachEngine(t, func(t *testing.T, engine string) {
		t.Parallel()
		st := testutil.NewStore(t, engine)
		r := newRunner(st)
		r.Poll = 10 * time.Millisecond
		started := make(chan struct{})
		r.Register("long", func(_ context.Context, _ *model.Job, progress func(int, int)) error {
			close(started)
			for i := 0; ; i++ {
				progress(i%100, 100) // a handler busy computing, such as a PDF being laid out
				time.Sleep(time.Millisecond)
			}
		})
		j := enqueue(t, st, "long")
		r.Start(context.Background())
		<-started
		stopped := make(chan struct{})
		go func() { r.Stop(); close(stopped) }()
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			t.Fatal("Stop waited for a job that never ends")
		}
		got, err := st.Job(context.Background(), j.ID)
		if err != nil || got.Status != store.JobQueued || got.LockedUntil != nil {
			t.Fatalf("job after stop = %+v, %v; want queued with no lease", got, err)
		}
		other := newRunner(st)
		other.Register("long", func(_ context.Context, j *model.Job, _ func(int, int)) error {
			j.Result = []byte("finished by another instance")
			return nil
		})
		if ran, err := other.RunOnce(context.Background()); !ran || err != nil {
			t.Fatalf("another instance did not take the job at once: %v, %v", ran, err)
		}
		if done, err := st.JobResult(context.Background(), j.ID); err != nil || string(done.Result) != "finished by another instance" {
			t.Fatalf("result = %+v, %v", done, err)
		}
	})
}
