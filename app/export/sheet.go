package export

import (
	"bufio"
	"encoding/csv"
	"io"
)

// sheet is what every CSV file of Pilcrow shares: a UTF-8 byte-order mark (so
// Excel reads Welsh names right), RFC 4180 quoting with CRLF line ends, a
// header row, and a buffer flushed once at the end.
type sheet struct {
	buf *bufio.Writer
	csv *csv.Writer
}

// newSheet writes the byte-order mark and header to w.
func newSheet(w io.Writer, header []string) (sheet, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString(utf8BOM); err != nil {
		return sheet{}, err
	}
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	return sheet{buf: buf, csv: cw}, cw.Write(header)
}

// Flush writes out what is buffered and reports any error of the whole file.
func (s sheet) Flush() error {
	s.csv.Flush()
	if err := s.csv.Error(); err != nil {
		return err
	}
	return s.buf.Flush()
}
