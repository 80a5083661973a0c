package pdftag

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"time"
)

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reRoot      = regexp.MustCompile(`/Root (\d+) 0 R`)
	reInfo      = regexp.MustCompile(`/Info (\d+) 0 R`)
	reSize      = regexp.MustCompile(`/Size (\d+)`)
	reKids      = regexp.MustCompile(`/Kids \[([0-9 R]*)\]`)
)

// Finish appends to pdf, as written by fpdf, an incremental update that makes
// it a tagged PDF: the structure tree, the parent tree that maps each page's
// marked content back to its element, MarkInfo, DisplayDocTitle and each
// page's StructParents and tab order. It must be called once, after End.
func (t *Tree) Finish(pdf []byte) ([]byte, error) {
	t.End()
	m := reStartXref.FindSubmatch(pdf)
	tail := pdf[max(0, len(pdf)-400):]
	root, info, size := reRoot.FindSubmatch(tail), reInfo.FindSubmatch(tail), reSize.FindSubmatch(tail)
	if m == nil || root == nil || size == nil {
		return nil, fmt.Errorf("pdftag: no trailer to update")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	rootNum, _ := strconv.Atoi(string(root[1]))
	next, _ := strconv.Atoi(string(size[1]))
	at, err := xrefOffsets(pdf, prev)
	if err != nil {
		return nil, err
	}
	catalog, err := objectBody(pdf, at, rootNum)
	if err != nil {
		return nil, err
	}
	pagesObj, err := objectBody(pdf, at, 1)
	if err != nil {
		return nil, err
	}
	kids := reKids.FindSubmatch(pagesObj)
	if kids == nil {
		return nil, fmt.Errorf("pdftag: no page tree")
	}
	pages := everyThird(bytes.Fields(kids[1])) // object number of each page, in order

	// Number the new objects: the tree root, the parent tree, then each element.
	treeRoot, parentTree := next, next+1
	next += 2
	var elems []*Elem
	var number func(e *Elem)
	number = func(e *Elem) {
		e.objNum = next
		next++
		elems = append(elems, e)
		for _, k := range e.kids {
			if k.elem != nil {
				number(k.elem)
			}
		}
	}
	number(t.root)

	var out bytes.Buffer
	out.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := func(n int, body string) {
		offsets[n] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	// The catalog, with the entries a tagged PDF needs added at its end.
	cat := bytes.TrimSpace(catalog)
	cat = bytes.TrimSuffix(cat, []byte(">>"))
	obj(rootNum, fmt.Sprintf("%s\n/Version /1.7\n/StructTreeRoot %d 0 R\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>\n>>", cat, treeRoot))
	// Each page, pointing to its entry of the parent tree.
	for i, p := range pages {
		body, err := objectBody(pdf, at, p)
		if err != nil {
			return nil, err
		}
		body = bytes.Replace(body, []byte("<</Type /Page\n"), fmt.Appendf(nil, "<</Type /Page\n/StructParents %d\n/Tabs /S\n", i), 1)
		obj(p, string(body))
	}
	obj(treeRoot, fmt.Sprintf("<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		t.root.objNum, parentTree, len(pages)))
	var tree bytes.Buffer
	for i := range pages {
		fmt.Fprintf(&tree, "%d [", i)
		for _, e := range t.mcids[i+1] {
			fmt.Fprintf(&tree, "%d 0 R ", e.objNum)
		}
		tree.WriteString("]\n")
	}
	obj(parentTree, "<</Nums ["+tree.String()+"]>>")
	for _, e := range elems {
		obj(e.objNum, t.elemDict(e, treeRoot, pages))
	}
	// The cross-reference section of the update.
	xref := out.Len()
	out.WriteString("xref\n")
	nums := slices.Sorted(maps.Keys(offsets))
	for i := 0; i < len(nums); {
		j := i + 1 // a subsection for each run of consecutive object numbers
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(&out, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
		}
		i = j
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n", next, rootNum)
	if info != nil {
		fmt.Fprintf(&out, "/Info %s 0 R\n", info[1])
	}
	fmt.Fprintf(&out, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", prev, xref)
	return out.Bytes(), nil
}

// everyThird reads "3 0 R 5 0 R" as object numbers.
func everyThird(fs [][]byte) []int {
	var out []int
	for i := 0; i+2 < len(fs); i += 3 {
		if n, err := strconv.Atoi(string(fs[i])); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// elemDict writes one structure element.
func (t *Tree) elemDict(e *Elem, treeRoot int, pages []int) string {
	var b bytes.Buffer
	parent := treeRoot
	if e.parent != nil {
		parent = e.parent.objNum
	}
	fmt.Fprintf(&b, "<</Type /StructElem /S /%s /P %d 0 R", e.Role, parent)
	if e.Alt != "" {
		fmt.Fprintf(&b, " /Alt %s", escape(e.Alt))
	}
	if e.Title != "" {
		fmt.Fprintf(&b, " /T %s", escape(e.Title))
	}
	if e.Scope != "" {
		fmt.Fprintf(&b, " /A <</O /Table /Scope /%s>>", e.Scope)
	}
	if len(e.kids) > 0 {
		b.WriteString(" /K [")
		for _, k := range e.kids {
			if k.elem != nil {
				fmt.Fprintf(&b, "%d 0 R ", k.elem.objNum)
			} else if k.page >= 1 && k.page <= len(pages) {
				fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>> ", pages[k.page-1], k.mcid)
			}
		}
		b.WriteString("]")
	}
	b.WriteString(">>")
	return b.String()
}

// xrefOffsets reads the byte offset of each object from the cross-reference
// table fpdf wrote at xref: "xref", "0 N", then N entries of 20 bytes.
func xrefOffsets(pdf []byte, xref int) ([]int, error) {
	if xref <= 0 || xref >= len(pdf) || !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("pdftag: no cross-reference table at %d", xref)
	}
	rest := pdf[xref+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	n, err := strconv.Atoi(string(bytes.TrimSpace(rest[:max(nl, 0)])))
	if err != nil || nl < 0 || len(rest) < nl+1+20*n {
		return nil, fmt.Errorf("pdftag: bad cross-reference table")
	}
	entries := rest[nl+1:]
	offsets := make([]int, n)
	for i := range n {
		offsets[i], _ = strconv.Atoi(string(entries[20*i : 20*i+10]))
	}
	return offsets, nil
}

// objectBody returns what lies between "n 0 obj" and "endobj" of object n.
func objectBody(pdf []byte, at []int, n int) ([]byte, error) {
	if n <= 0 || n >= len(at) || at[n] <= 0 || at[n] >= len(pdf) {
		return nil, fmt.Errorf("pdftag: object %d not found", n)
	}
	head := fmt.Appendf(nil, "%d 0 obj\n", n)
	if !bytes.HasPrefix(pdf[at[n]:], head) {
		return nil, fmt.Errorf("pdftag: object %d is not where the table says", n)
	}
	start := at[n] + len(head)
	end := bytes.Index(pdf[start:], []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("pdftag: object %d has no end", n)
	}
	return bytes.TrimRight(pdf[start:start+end], "\n"), nil
}

// XMP is the document's XMP metadata: its title, language, author and dates,
// and the PDF/UA identifier (part 1) that says it claims to be accessible.
func XMP(title, lang, author string, created time.Time) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		for _, r := range s {
			switch r {
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			case '&':
				b.WriteString("&amp;")
			case '"':
				b.WriteString("&quot;")
			default:
				if r >= 0x20 || r == '\t' || r == '\n' {
					b.WriteRune(r)
				}
			}
		}
		return b.String()
	}
	when := created.UTC().Format(time.RFC3339)
	return fmt.Appendf(nil, `<?xpacket begin="%s" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdfuaid:part>1</pdfuaid:part>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>
<dc:format>application/pdf</dc:format>
<xmp:CreateDate>%s</xmp:CreateDate>
<xmp:ModifyDate>%s</xmp:ModifyDate>
<pdf:Producer>Pilcrow</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`, "\ufeff", esc(title), esc(author), esc(lang), when, when)
}
