package consult

// SearchCacheOff makes r run every search on the database, for the
// benchmark's figures of searches that find nothing kept.
func SearchCacheOff(r *Reports) { r.searches.off = true }
