package importdoc

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits bound what a document may cost to open. A zip bomb is refused by
// the sizes its directory declares and, since those can lie, by reading
// every entry through an io.LimitReader that stops at the limit.
type Limits struct {
	FileBytes  int64 // the .docx or .odt itself
	Entries    int   // files inside it
	TotalBytes int64 // all the parts read, uncompressed
	PartBytes  int64 // one XML part, uncompressed
}

// DefaultLimits suit a consultation document with a few images: 20 MB in,
// 500 parts, 100 MB unpacked, 16 MB of XML in one part.
var DefaultLimits = Limits{FileBytes: 20 << 20, Entries: 500, TotalBytes: 100 << 20, PartBytes: 16 << 20}

// archive is a zip opened within limits, with a running count of the
// bytes read from it.
type archive struct {
	files map[string]*zip.File
	lim   Limits
	read  int64
}

// openArchive checks the size, the magic number and the directory before
// anything is decompressed.
func openArchive(r io.ReaderAt, size int64, lim Limits) (*archive, error) {
	if size > lim.FileBytes {
		return nil, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, size, lim.FileBytes)
	}
	magic := make([]byte, 4)
	if _, err := r.ReadAt(magic, 0); err != nil || !bytes.Equal(magic, []byte("PK\x03\x04")) {
		return nil, ErrNotZip
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, ErrNotZip
	}
	if len(zr.File) > lim.Entries {
		return nil, fmt.Errorf("%w: %d files inside, the limit is %d", ErrZipBomb, len(zr.File), lim.Entries)
	}
	a := &archive{files: make(map[string]*zip.File, len(zr.File)), lim: lim}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(lim.TotalBytes) {
			return nil, fmt.Errorf("%w: it unpacks to more than %d bytes", ErrZipBomb, lim.TotalBytes)
		}
		a.files[path.Clean(strings.TrimPrefix(f.Name, "/"))] = f
	}
	return a, nil
}

// has reports whether the archive holds this part.
func (a *archive) has(name string) bool {
	_, ok := a.files[name]
	return ok
}

// readPart reads one part, at most max bytes and at most what is left of
// the total, whatever its header claims.
func (a *archive) readPart(name string, max int64) ([]byte, error) {
	f, ok := a.files[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s is missing", ErrMalformed, name)
	}
	if left := a.lim.TotalBytes - a.read; left < max {
		max = left
	}
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("%w: %s unpacks to more than %d bytes", ErrZipBomb, name, max)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, max+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, name, err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: %s unpacks to more than %d bytes", ErrZipBomb, name, max)
	}
	a.read += int64(len(b))
	return b, nil
}

// readXML reads and parses one XML part.
func (a *archive) readXML(name string) (*node, error) {
	b, err := a.readPart(name, a.lim.PartBytes)
	if err != nil {
		return nil, err
	}
	n, err := parseXML(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return n, nil
}
