package consult

import (
	"context"
	"sync"
	"time"
)

// searchCache keeps the results of recent searches while nothing they show
// has changed, so that analysts paging back, a team running the same
// searches, and the page shown again after tagging from it cost one look at
// the database instead of a search over every comment.
//
// Whether anything changed is the database's to say (store.SearchChanged,
// fed by triggers in the transaction of every change), so every instance
// behind a load balancer sees every other's changes. The look is taken in
// rounds, one per consultation at a time: a search joins the first round to
// start after it arrived, so it sees every change committed before it was
// asked, and the searches arriving during one round share the next.
type searchCache struct {
	mu     sync.Mutex
	states map[int64]*searchState
	kept   map[searchKey]keptSearch
	size   int  // bytes of the kept results, roughly
	off    bool // every search runs on the database (the benchmark's cold figures)
}

// searchState is what an instance knows of one consultation's searchable data.
type searchState struct {
	mark     string // the database's mark as of the last round
	gen      int64  // advances at every change a round finds: results of an older gen are stale
	campaign int64  // the campaign detection the results group by
	running  *searchRound
	next     *searchRound // the round that starts when running ends; later arrivals join it
}

// searchRound is one look at the database for a consultation's changes.
type searchRound struct {
	done chan struct{}
	gen  int64
	err  error
}

type searchKey struct {
	consultation int64
	q            SearchQuery
}

type keptSearch struct {
	gen  int64
	res  *SearchResult
	size int
}

// maxSearchBytes bounds the results kept, counting their comments' text.
const maxSearchBytes = 8 << 20

// searchRoundTimeout bounds one round, which no single request owns.
const searchRoundTimeout = 10 * time.Second

// searchLook asks the database whether a consultation's searchable data changed
// since mark (see store.SearchChanged), and which campaign detection is newest.
type searchLook func(ctx context.Context, mark string) (changed bool, next string, campaign int64, err error)

// fresh returns the generation of a consultation's data as of a round begun
// after the call: a result kept under it is up to date.
func (c *searchCache) fresh(ctx context.Context, consultationID int64, look searchLook) (int64, error) {
	c.mu.Lock()
	if c.states == nil {
		c.states = map[int64]*searchState{}
	}
	st := c.states[consultationID]
	if st == nil {
		st = &searchState{}
		c.states[consultationID] = st
	}
	var r *searchRound
	if st.running == nil {
		r = &searchRound{done: make(chan struct{})}
		st.running = r
		go c.run(st, r, look)
	} else {
		if st.next == nil {
			st.next = &searchRound{done: make(chan struct{})}
		}
		r = st.next
	}
	c.mu.Unlock()
	select {
	case <-r.done:
		return r.gen, r.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// run takes one round's look, then starts the round waiting behind it.
func (c *searchCache) run(st *searchState, r *searchRound, look searchLook) {
	ctx, cancel := context.WithTimeout(context.Background(), searchRoundTimeout)
	defer cancel()
	c.mu.Lock()
	mark := st.mark
	c.mu.Unlock()
	changed, next, campaign, err := look(ctx, mark)
	c.mu.Lock()
	if err == nil {
		if changed || campaign != st.campaign {
			st.gen++
		}
		st.mark, st.campaign = next, campaign
	}
	r.gen, r.err = st.gen, err
	st.running, st.next = st.next, nil
	if st.running != nil {
		go c.run(st, st.running, look)
	}
	c.mu.Unlock()
	close(r.done)
}

// get returns the result kept for q under gen, or nil.
func (c *searchCache) get(consultationID, gen int64, q SearchQuery) *SearchResult {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.kept[searchKey{consultationID, q}]
	if !ok || k.gen != gen {
		return nil
	}
	return k.res
}

// keep remembers res as q's result under gen, making room by forgetting
// results of older generations first, then any.
func (c *searchCache) keep(consultationID, gen int64, q SearchQuery, res *SearchResult) {
	size := 512
	for _, h := range res.Hits {
		size += 256 + len(h.Body) + len(h.Author)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.off || size > maxSearchBytes/8 {
		return
	}
	if c.kept == nil {
		c.kept = map[searchKey]keptSearch{}
	}
	key := searchKey{consultationID, q}
	if old, ok := c.kept[key]; ok {
		delete(c.kept, key)
		c.size -= old.size
	}
	for k, v := range c.kept {
		if c.size+size <= maxSearchBytes {
			break
		}
		if st := c.states[k.consultation]; st == nil || v.gen != st.gen {
			delete(c.kept, k)
			c.size -= v.size
		}
	}
	for k, v := range c.kept {
		if c.size+size <= maxSearchBytes {
			break
		}
		delete(c.kept, k)
		c.size -= v.size
	}
	c.kept[key] = keptSearch{gen: gen, res: res, size: size}
	c.size += size
}

// lookForChanges is Search's look at a consultation.
func (s *Reports) lookForChanges(consultationID int64) searchLook {
	return func(ctx context.Context, mark string) (bool, string, int64, error) {
		changed, next, err := s.Store.SearchChanged(ctx, consultationID, mark)
		if err != nil {
			return false, "", 0, err
		}
		campaign, err := s.Store.LatestDoneJobID(ctx, JobCampaigns, jobPrefix(consultationID))
		return changed, next, campaign, err
	}
}
